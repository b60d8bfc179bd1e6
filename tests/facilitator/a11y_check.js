// Accessibility checks run in the page: accessible names, 48 px targets, 4.5:1 contrast,
// no sideways scrolling; returns {lang, problems}.
(() => {
  const visible = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (e) => { for (let n = e; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c; }
    return [255, 255, 255]; };
  const problems = [];
  for (const e of document.querySelectorAll('input, button, select, textarea')) {
    if (!visible(e)) continue;
    const r = e.getBoundingClientRect();
    const name = e.labels && e.labels.length ? e.labels[0].textContent : (e.textContent || e.getAttribute('aria-label') || '');
    if (!name.trim()) problems.push('no accessible name: ' + e.outerHTML.slice(0, 80));
    if (e.type !== 'checkbox' && (r.width < 48 || r.height < 48)) problems.push('target ' + r.width + 'x' + r.height + ': ' + name.trim().slice(0, 30));
  }
  for (const e of document.querySelectorAll('h1, h2, p, label, span, button, li, strong, input')) {
    if (!visible(e) || !e.textContent.trim() && e.tagName !== 'INPUT') continue;
    const style = getComputedStyle(e);
    const fg = rgb(style.color), bg = background(e);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ': ' + e.textContent.trim().slice(0, 30));
  }
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > scroller.clientWidth + 1) problems.push('horizontal scrolling');
  return {lang: document.documentElement.lang, problems};
})
