// Reads registrants' QR codes with the phone's camera (BarcodeDetector, where the browser has it).
window.eventsScanner = {
  async start(videoId, dotnet) {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return false;
    const video = document.getElementById(videoId);
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    let last = '';
    const tick = async () => {
      if (video.hidden) return;
      try {
        const codes = await detector.detect(video);
        if (codes.length && codes[0].rawValue !== last) {
          last = codes[0].rawValue;
          await dotnet.invokeMethodAsync('OnScanned', last);
          setTimeout(() => { last = ''; }, 3000);
        }
      } catch { /* keep scanning */ }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return true;
  }
};
