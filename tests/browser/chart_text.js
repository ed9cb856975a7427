() => Array.from(document.querySelectorAll('.toolkit-vega')).map(t => {
  const svg = t.querySelector('svg.marks');
  if (!svg) return {id: t.id, error: 'no svg'};
  const box = svg.getBoundingClientRect();
  const natural = svg.viewBox.baseVal && svg.viewBox.baseVal.width ? svg.viewBox.baseVal.width : box.width;
  let smallest = 1e9, cut = 0;
  // Text Vega hid (an axis label dropped for overlap has opacity 0) is not on screen.
  const shown = x => {
    for (let e = x; e && e !== svg; e = e.parentElement) {
      if (getComputedStyle(e).opacity === '0' || e.getAttribute('opacity') === '0') return false;
    }
    return true;
  };
  const texts = Array.from(svg.querySelectorAll('text')).filter(x => x.textContent.trim() && shown(x));
  for (const x of texts) {
    const fs = parseFloat(getComputedStyle(x).fontSize);
    const r = x.getBoundingClientRect();
    const scale = box.width / natural;
    smallest = Math.min(smallest, fs * scale);
    // Cut: shortened with an ellipsis, or running past the edge of the drawing (clipped).
    if (x.textContent.includes('…')) cut++;
    else if (r.right > box.right + 1 || r.left < box.left - 1 || r.bottom > box.bottom + 1 || r.top < box.top - 1) cut++;
  }
  // overlaps between text boxes
  let overlaps = 0; const rs = texts.map(x => x.getBoundingClientRect());
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) {
    const a = rs[i], b = rs[j];
    const ix = Math.min(a.right, b.right) - Math.max(a.left, b.left), iy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (ix > 2 && iy > 2) overlaps++;
  }
  const cont = t.getBoundingClientRect();
  return {id: t.id, rendered: Math.round(box.width), natural: Math.round(natural), smallest: Math.round(smallest * 10) / 10, overlaps, cut, overflow: Math.round(box.right - cont.right)};
})
