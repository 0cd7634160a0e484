// Shows session times in the visitor's own time zone and marks the time option that suits them.
(function () {
  const pageLang = document.documentElement.lang || 'ky';
  // Browsers without Kyrgyz date names fall back to Russian, which the audience reads, rather than English.
  const lang = Intl.DateTimeFormat.supportedLocalesOf([pageLang]).length ? pageLang : (pageLang === 'ky' ? 'ru' : pageLang);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let format;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
  } catch {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short', timeZone: zone });
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
