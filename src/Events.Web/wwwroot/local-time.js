// Shows session times in the visitor's own time zone and marks the time option that suits them.
(function () {
  const pageLang = document.documentElement.lang || 'ky';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Browsers without Kyrgyz date data (Chromium among them) would print Russian or English names on a Kyrgyz page:
  // there the date is written as the server writes it, "2027-ж., 10-июнь, бейшемби, 18:00", from numeric parts.
  const kyMonths = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
  const kyDays = ['жекшемби', 'дүйшөмбү', 'шейшемби', 'шаршемби', 'бейшемби', 'жума', 'ишемби'];
  let format;
  if (pageLang === 'ky' && !Intl.DateTimeFormat.supportedLocalesOf(['ky']).length) {
    const parts = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
    const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    format = { format: date => {
      const p = Object.fromEntries(parts.formatToParts(date).map(x => [x.type, x.value]));
      return `${p.year}-ж., ${p.day}-${kyMonths[p.month - 1]}, ${kyDays[weekdays.indexOf(p.weekday)]}, ${p.hour}:${p.minute}`;
    } };
  } else {
    try {
      format = new Intl.DateTimeFormat(pageLang, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
    } catch {
      format = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
    }
  }
  function fill(root) {
    root.querySelectorAll('input[name="Input.TimeZone"]').forEach(el => { if (!el.value) el.value = zone; });
    root.querySelectorAll('[data-visitor-time]').forEach(el => {
      const date = new Date(el.getAttribute('data-visitor-time'));
      if (isNaN(date)) return;
      el.textContent = `${el.getAttribute('data-label')}: ${format.format(date)} (${zone.split('/').pop().replace(/_/g, ' ')})`;
      el.hidden = false;
    });
    root.querySelectorAll('[data-recommend-event]').forEach(async el => {
      const id = el.getAttribute('data-recommend-event');
      try {
        const response = await fetch(`/api/v1/events/${id}/recommended-session?timeZone=${encodeURIComponent(zone)}`,
          { headers: { 'Accept-Language': pageLang } });
        if (!response.ok) return;
        const best = await response.json();
        const card = document.querySelector(`[data-session-id="${best.sessionId}"]`);
        if (card) {
          card.classList.add('recommended');
          const badge = card.querySelector('.recommended-badge');
          if (badge) { badge.hidden = false; badge.title = best.reason; }
        }
        const radio = document.querySelector(`input[name="Input.SessionId"][value="${best.sessionId}"]`);
        if (radio && !document.querySelector('input[name="Input.SessionId"]:checked')) radio.checked = true;
        const tz = document.querySelector('input[name="Input.TimeZone"]');
        if (tz && !tz.value) tz.value = zone;
      } catch { /* offline: the page still shows every option */ }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => fill(document));
  else fill(document);
  // Blazor's enhanced navigation swaps pages without reloading scripts: fill again after each.
  (function hook(tries) {
    if (window.Blazor && typeof window.Blazor.addEventListener === 'function') {
      window.Blazor.addEventListener('enhancedload', () => fill(document));
    } else if (tries > 0) {
      setTimeout(() => hook(tries - 1), 50);
    }
  })(100);
})();
