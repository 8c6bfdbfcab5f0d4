/**
 * The playground's drawing of a tab's native charts (host/shown-charts.ts): one SVG each, under
 * the grid, in the order of their anchors. Labels go in as text nodes, never as markup: stage and
 * source names come from Lever.
 */
export const CHARTS_SCRIPT = `
var SVG = 'http://www.w3.org/2000/svg';
var PALETTE = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7'];
function svg(tag, attrs, text) {
  var e = document.createElementNS(SVG, tag);
  Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
  if (text !== undefined) e.textContent = text;
  return e;
}
function chartSvg(c) {
  var W = 600, H = 360, left = c.type === 'BAR' ? 150 : 48, top = 36, right = 16, bottom = 64;
  var root = svg('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': c.title });
  root.appendChild(svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#fff', stroke: '#dadce0' }));
  root.appendChild(svg('text', { x: W / 2, y: 22, 'text-anchor': 'middle', 'font-size': 14, fill: '#202124' }, c.title));
  var n = c.labels.length, s = c.series.length || 1;
  var totals = c.labels.map(function (_, i) { return c.series.reduce(function (m, x) { return c.stacked ? m + x.values[i] : Math.max(m, x.values[i]); }, 0); });
  var max = Math.max.apply(null, totals.concat([1]));
  var plotW = W - left - right, plotH = H - top - bottom;
  var across = c.type === 'BAR';
  var band = (across ? plotH : plotW) / Math.max(n, 1);
  for (var g = 0; g <= 4; g++) {
    var v = (max * g) / 4, p = ((across ? plotW : plotH) * g) / 4;
    var lx = across ? left + p : left, ly = across ? top + plotH : top + plotH - p;
    root.appendChild(svg('line', across ? { x1: lx, y1: top, x2: lx, y2: top + plotH, stroke: '#eee' } : { x1: left, y1: ly, x2: left + plotW, y2: ly, stroke: '#eee' }));
    root.appendChild(svg('text', across ? { x: lx, y: top + plotH + 14, 'text-anchor': 'middle', 'font-size': 10, fill: '#5f6368' } : { x: left - 4, y: ly + 3, 'text-anchor': 'end', 'font-size': 10, fill: '#5f6368' }, String(Math.round(v * 10) / 10)));
  }
  c.labels.forEach(function (label, i) {
    var offset = 0;
    c.series.forEach(function (x, k) {
      var len = ((across ? plotW : plotH) * x.values[i]) / max;
      var thick = c.stacked ? band * 0.7 : (band * 0.7) / s;
      var at = (across ? top : left) + i * band + band * 0.15 + (c.stacked ? 0 : k * thick);
      var r = across ? { x: left + offset, y: at, width: len, height: thick } : { x: at, y: top + plotH - offset - len, width: thick, height: len };
      r.fill = PALETTE[k % PALETTE.length];
      var bar = svg('rect', r);
      bar.appendChild(svg('title', {}, label + ' · ' + x.name + ': ' + x.values[i]));
      root.appendChild(bar);
      if (c.stacked) offset += len;
    });
    var t = across
      ? svg('text', { x: left - 6, y: top + i * band + band / 2 + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#202124' }, label.length > 22 ? label.slice(0, 21) + '…' : label)
      : svg('text', { x: left + i * band + band / 2, y: top + plotH + 14, 'text-anchor': 'middle', 'font-size': 9, fill: '#202124' }, label.slice(-5));
    root.appendChild(t);
  });
  var lx = left;
  c.series.forEach(function (x, k) {
    root.appendChild(svg('rect', { x: lx, y: H - 22, width: 10, height: 10, fill: PALETTE[k % PALETTE.length] }));
    var name = x.name.length > 18 ? x.name.slice(0, 17) + '…' : x.name;
    root.appendChild(svg('text', { x: lx + 14, y: H - 13, 'font-size': 11, fill: '#202124' }, name));
    lx += 24 + name.length * 6.5;
  });
  return root;
}
function chartsOf(tab) {
  var box = el('div', 'charts');
  box.setAttribute('aria-label', 'Charts on ' + tab.name);
  tab.charts.slice().sort(function (a, b) { return a.anchor.row - b.anchor.row || a.anchor.col - b.anchor.col; }).forEach(function (c) {
    var fig = el('figure', 'chart');
    fig.appendChild(chartSvg(c));
    var cap = el('figcaption');
    cap.textContent = 'Chart at ' + letters(c.anchor.col) + c.anchor.row;
    fig.appendChild(cap);
    box.appendChild(fig);
  });
  return box;
}
`;
