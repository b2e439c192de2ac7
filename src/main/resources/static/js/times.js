// <time datetime="ISO"> elements: shown in the browser's time zone as "3 minutes ago" (or the date, when older
// than a week), with the exact local time on hover. Without JavaScript they keep the server's UTC text.
(() => {
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day']];
  for (const element of document.querySelectorAll('time[datetime]')) {
    const at = new Date(element.getAttribute('datetime'));
    if (Number.isNaN(at.getTime())) {
      continue;
    }
    let amount = (at.getTime() - Date.now()) / 1000;
    let text = null;
    for (const [size, unit] of steps) {
      if (Math.abs(amount) < size) {
        text = relative.format(Math.round(amount), unit);
        break;
      }
      amount /= size;
    }
    element.title = exact.format(at);
    element.textContent = text ?? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  }
})();
