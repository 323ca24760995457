// charts.js — the charts of the UI, drawn as SVG here (no chart library): a
// horizontal bar chart for areas, and the fiscal year's cumulative new members
// against the target line. Both scale to their container's width, carry a
// <title> and an aria-label, and show their numbers as text too.

import { num } from './fmt.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, text) {
	const el = document.createElementNS(NS, tag);
	for (const [k, v] of Object.entries(attrs))
		el.setAttribute(k, String(v));
	if (text !== undefined)
		el.textContent = text;
	return el;
}

/**
 * barChart(items, { label, max, fmt }) — items [{ label, value, mark }]; mark
 * true draws the bar in the "achieved" colour. fmt formats the value (num).
 */
export function barChart(items, { label = '', max = null, fmt = num } = {}) {
	// Drawn at about the width it is shown at, so that its text stays readable on a phone.
	const width = Math.round(Math.min(640, Math.max(300, (window.innerWidth || 640) - 48)));
	const rowH = 26, labelW = Math.round(width * 0.3), valueW = 64;
	const top = Math.max(1, max !== null ? max : Math.max(1, ...items.map((i) => i.value || 0)));
	const svg = s('svg', { viewBox: `0 0 ${width} ${items.length * rowH + 4}`, role: 'img', 'aria-label': label, class: 'chart bar-chart', preserveAspectRatio: 'xMinYMin meet' });
	svg.append(s('title', {}, label));
	const barW = width - labelW - valueW;
	items.forEach((it, i) => {
		const y = i * rowH + 2;
		const w = Math.max(0, Math.min(1, (it.value || 0) / top)) * barW;
		const g = s('g', { class: 'bar' + (it.mark ? ' mark' : '') });
		g.append(s('text', { x: labelW - 6, y: y + rowH / 2 + 5, 'text-anchor': 'end', class: 'lbl' }, it.label));
		g.append(s('rect', { x: labelW, y: y + 3, width: barW, height: rowH - 8, class: 'track', rx: 3 }));
		g.append(s('rect', { x: labelW, y: y + 3, width: Math.max(w, it.value ? 2 : 0), height: rowH - 8, class: 'fill', rx: 3 }));
		g.append(s('text', { x: labelW + barW + 6, y: y + rowH / 2 + 5, class: 'val' }, fmt(it.value)));
		svg.append(g);
	});
	return svg;
}

/**
 * lineChart(points, { label, xLabels }) — points [{ x: label, value, target }]
 * drawn as the cumulative line with the target line dashed, y from 0.
 */
export function cumulativeChart(points, { label = '', legend = ['', ''] } = {}) {
	const W = Math.round(Math.min(640, Math.max(320, (window.innerWidth || 640) - 48))), H = 260, L = 56, R = 12, T = 14, B = 44;
	const ticks = axisTicks(Math.max(...points.map((p) => Math.max(p.value || 0, p.target || 0))));
	const nice = ticks[ticks.length - 1];
	const x = (i) => L + (points.length <= 1 ? 0 : (i * (W - L - R)) / (points.length - 1));
	const y = (v) => T + (H - T - B) * (1 - v / nice);
	const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label, class: 'chart line-chart' });
	svg.append(s('title', {}, label));
	for (const v of ticks) {
		svg.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }));
		svg.append(s('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis y' }, num(v)));
	}
	// Month labels: every k-th, so that none overlaps the next; the last one kept
	// inside the chart (anchored at its end).
	const widest = Math.max(...points.map((p) => labelWidth(p.x)));
	const gap = points.length > 1 ? (W - L - R) / (points.length - 1) : Infinity;
	const every = Math.max(1, Math.ceil((widest + 8) / gap));
	points.forEach((p, i) => {
		if (i % every)
			return;
		const w = labelWidth(p.x);
		const anchor = x(i) + w / 2 > W - 2 ? 'end' : 'middle';
		svg.append(s('text', { x: anchor === 'end' ? W - 2 : x(i), y: H - B + 18, 'text-anchor': anchor, class: 'axis x' }, p.x));
	});
	const path = (key) => points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[key] || 0).toFixed(1)}`).join(' ');
	if (points.some((p) => p.target !== null && p.target !== undefined))
		svg.append(s('path', { d: path('target'), class: 'target' }));
	svg.append(s('path', { d: path('value'), class: 'cumulative' }));
	points.forEach((p, i) => {
		const c = s('circle', { cx: x(i), cy: y(p.value || 0), r: 3.5, class: 'dot' });
		c.append(s('title', {}, `${p.x}: ${num(p.value)}`));
		svg.append(c);
	});
	const lg = s('g', { class: 'legend' });
	lg.append(s('line', { x1: L, x2: L + 24, y1: H - 10, y2: H - 10, class: 'cumulative' }));
	lg.append(s('text', { x: L + 30, y: H - 6, class: 'axis' }, legend[0]));
	lg.append(s('line', { x1: L + 130, x2: L + 154, y1: H - 10, y2: H - 10, class: 'target' }));
	lg.append(s('text', { x: L + 160, y: H - 6, class: 'axis' }, legend[1]));
	svg.append(lg);
	return svg;
}

/**
 * The y-axis of a count whose largest value is top: five whole, evenly spaced
 * values from 0, the step 1, 2, 2.5 or 5 × 10^k (whole), the last at least top.
 * A small count gets 0, 1, 2, 3, 4, never 0, 0, 1, 1, 1.
 */
export function axisTicks(top) {
	const want = Math.max(1, top) / 4;
	let step = 1;
	if (want > 1) {
		const p = Math.pow(10, Math.floor(Math.log10(want)));
		step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= want && Number.isInteger(v)) || 10 * p;
	}
	return [0, 1, 2, 3, 4].map((k) => k * step);
}

/** About how wide an axis label is drawn (px, the axis font of app.css). */
function labelWidth(text) {
	// Thai marks above and below take no width of their own.
	return String(text).replace(/[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/g, '').length * 6.6;
}

/** A progress bar (attainment): value of target, as an accessible meter named name. */
export function progress(value, target, text, name) {
	const frac = target > 0 ? value / target : 0;
	const outer = document.createElement('div');
	outer.className = 'progress';
	outer.setAttribute('role', 'meter');
	outer.setAttribute('aria-label', name);
	outer.setAttribute('aria-valuemin', '0');
	outer.setAttribute('aria-valuemax', String(target));
	outer.setAttribute('aria-valuenow', String(value));
	outer.setAttribute('aria-valuetext', text);
	// The label under the bar, on the card's own background: over the fill, dark
	// text on the brand's blue would be unreadable (WCAG AA asks 4.5:1).
	const track = document.createElement('div');
	track.className = 'progress-track';
	const inner = document.createElement('div');
	inner.className = 'progress-fill' + (frac >= 1 ? ' done' : '');
	inner.style.width = `${Math.min(100, frac * 100).toFixed(1)}%`;
	track.append(inner);
	const label = document.createElement('span');
	label.className = 'progress-text';
	label.textContent = text;
	outer.append(track, label);
	return outer;
}

/**
 * symbolMap(items, opts) — a proportional-symbol map: a circle per area at its
 * point, no boundaries, no tiles. items [{ code, name, lat, lon, value, fill,
 * full, text }]: value sizes the circle (area ∝ value: the radius ∝ √value, at
 * least 3 px so that every area can be seen, clicked and focused), fill is its
 * colour (null: no value, drawn hollow and dashed), full draws a ring round it,
 * text is its tooltip and aria-label. The projection is equirectangular, x
 * scaled by the cosine of the points' mean latitude, fitted to the points.
 * opts: { label (the map's name), open(item) (a click, Enter or Space),
 * words: { zoomIn, zoomOut, reset } }. Returns a div holding the zoom buttons
 * (+, −, reset: the circles keep their size, the points spread), the SVG and a
 * tooltip shown on hover and on keyboard focus. The SVG is drawn at about the
 * width it is shown at, so that its labels stay readable on a phone.
 */
export function symbolMap(items, { label = '', open = () => {}, words = {} } = {}) {
	let W = Math.round(Math.min(720, Math.max(300, (window.innerWidth || 720) - 48)));
	const n = Math.max(1, items.length);
	const rMax = Math.round(Math.min(36, Math.max(12, W / 10 / Math.sqrt(n / 3))));
	const rMin = 3;
	const top = Math.max(1, ...items.map((it) => it.value || 0));
	const radius = (v) => Math.max(rMin, rMax * Math.sqrt(Math.max(0, v || 0) / top));
	// Equirectangular: x = lon · cos(mean lat), y = −lat.
	const lat0 = items.reduce((a, it) => a + it.lat, 0) / n;
	const kx = Math.cos((lat0 * Math.PI) / 180);
	const pts = items.map((it) => ({ it, x: it.lon * kx, y: -it.lat, r: radius(it.value) }));
	const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
	let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
	// One point, or points in a line: a little room around them.
	const span = Math.max(x1 - x0, y1 - y0, 0.02);
	if (x1 - x0 < span / 4) { x0 -= span / 8; x1 += span / 8; }
	if (y1 - y0 < span / 4) { y0 -= span / 8; y1 += span / 8; }
	const pad = rMax + 10;
	const hMax = n > 40 ? Math.max(420, Math.min(760, W * 1.9)) : Math.max(300, Math.min(n < 8 ? 380 : 520, W * 1.1));
	let scale = (W - 2 * pad) / (x1 - x0);
	let H = Math.round((y1 - y0) * scale + 2 * pad);
	if (H > hMax) {
		// Taller than wide (the whole country): as high as allowed, and only as
		// wide as the points need.
		scale = (hMax - 2 * pad) / (y1 - y0);
		H = Math.round(hMax);
		W = Math.max(300, Math.round((x1 - x0) * scale + 2 * pad + 160));
	}
	H = Math.max(H, 200);
	const view = { k: 1, mx: (x0 + x1) / 2, my: (y0 + y1) / 2 };
	const sx = (p) => W / 2 + (p.x - view.mx) * scale * view.k;
	const sy = (p) => H / 2 + (p.y - view.my) * scale * view.k;

	const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'group', 'aria-label': label, class: 'chart symbol-map', 'data-scale': scale.toFixed(3) });
	svg.style.maxWidth = `${W}px`; // never drawn larger than it is laid out (its names stay their size)
	svg.append(s('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }));
	const gCircles = s('g', { class: 'circles' });
	const gLabels = s('g', { class: 'labels', 'aria-hidden': 'true' });
	svg.append(gCircles, gLabels);
	const tip = document.createElement('div');
	tip.className = 'map-tip';
	tip.hidden = true;
	tip.setAttribute('aria-hidden', 'true');
	const box = document.createElement('div');
	box.className = 'map-box';

	// Largest first, so that a small circle is drawn over a large one and can be clicked.
	pts.sort((a, b) => b.r - a.r || a.it.code - b.it.code);
	for (const p of pts) {
		const g = s('g', { class: 'area' + (p.it.fill ? '' : ' none') + (p.it.full ? ' full' : ''), tabindex: 0, role: 'link', 'aria-label': p.it.text, 'data-code': p.it.code, 'data-value': p.it.value || 0, 'data-full': p.it.full ? 'true' : 'false' });
		g.append(s('title', {}, p.it.text));
		if (p.it.full)
			p.ring = g.appendChild(s('circle', { r: (p.r + 3.5).toFixed(2), class: 'ring' }));
		p.dot = g.appendChild(s('circle', { r: p.r.toFixed(2), class: 'dot', fill: p.it.fill || '#ffffff' }));
		p.g = g;
		let moved = false;
		g.addEventListener('pointerdown', () => { moved = false; });
		g.addEventListener('pointermove', (e) => { if (e.buttons) moved = true; });
		g.addEventListener('click', () => { if (!moved && !dragged) open(p.it); });
		g.addEventListener('keydown', (e) => {
			if (e.key === 'Enter' || e.key === ' ') {
				e.preventDefault();
				open(p.it);
			}
		});
		g.addEventListener('focus', () => {
			// A circle focused out of the view (zoomed in) is brought into it.
			if (sx(p) < 0 || sx(p) > W || sy(p) < 0 || sy(p) > H) {
				view.mx = p.x;
				view.my = p.y;
				place();
			}
			showTip(p);
		});
		g.addEventListener('blur', () => { tip.hidden = true; });
		g.addEventListener('pointerenter', () => showTip(p));
		g.addEventListener('pointerleave', () => { if (document.activeElement !== g) tip.hidden = true; });
		gCircles.append(g);
	}

	function showTip(p) {
		const rect = svg.getBoundingClientRect();
		const f = rect.width / W;
		tip.textContent = p.it.text;
		tip.hidden = false;
		const bx = box.getBoundingClientRect();
		let left = rect.left - bx.left + sx(p) * f;
		const topPx = rect.top - bx.top + (sy(p) - p.r) * f - 6;
		// Kept inside the map's box.
		const w = Math.min(tip.offsetWidth || 200, bx.width);
		left = Math.max(w / 2, Math.min(bx.width - w / 2, left));
		tip.style.left = `${left}px`;
		tip.style.top = `${Math.max(0, topPx)}px`;
	}

	// Names beside the circles, the largest areas' first; a name that would
	// overlap one already placed, or leave the map, is left to the tooltip and
	// the table (zooming in makes room for more).
	function place() {
		gLabels.replaceChildren();
		const boxes = [];
		const hit = (b) => b.x0 < 0 || b.y0 < 0 || b.x1 > W || b.y1 > H || boxes.some((o) => meets(b, o));
		for (const p of pts) {
			const cx = sx(p), cy = sy(p);
			p.dot.setAttribute('cx', cx.toFixed(1));
			p.dot.setAttribute('cy', cy.toFixed(1));
			if (p.ring) {
				p.ring.setAttribute('cx', cx.toFixed(1));
				p.ring.setAttribute('cy', cy.toFixed(1));
			}
			p.cx = cx;
			p.cy = cy;
		}
		// A name may not cover another name, nor the centre of another circle
		// (circles may overlap each other).
		const meets = (b, o) => b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1;
		const covers = (b, q) => meets(b, { x0: q.cx - 3, x1: q.cx + 3, y0: q.cy - 3, y1: q.cy + 3 });
		for (const p of pts) {
			const cx = sx(p), cy = sy(p);
			if (cx < 0 || cx > W || cy < 0 || cy > H)
				continue;
			const w = labelWidth(p.it.name) * 1.05 + 4, h = 16, r = p.r + (p.ring ? 4 : 0);
			const spots = [
				{ x: cx + r + 3, y: cy + 5, a: 'start', b: { x0: cx + r + 1, x1: cx + r + 3 + w, y0: cy - h / 2, y1: cy + h / 2 } },
				{ x: cx - r - 3, y: cy + 5, a: 'end', b: { x0: cx - r - 3 - w, x1: cx - r - 1, y0: cy - h / 2, y1: cy + h / 2 } },
				{ x: cx, y: cy - r - 5, a: 'middle', b: { x0: cx - w / 2, x1: cx + w / 2, y0: cy - r - 4 - h, y1: cy - r - 2 } },
				{ x: cx, y: cy + r + 14, a: 'middle', b: { x0: cx - w / 2, x1: cx + w / 2, y0: cy + r + 1, y1: cy + r + 3 + h } },
			];
			const spot = spots.find((o) => !hit(o.b) && !pts.some((q) => q !== p && covers(o.b, q)));
			if (!spot)
				continue;
			boxes.push(spot.b);
			gLabels.append(s('text', { x: spot.x.toFixed(1), y: spot.y.toFixed(1), 'text-anchor': spot.a, class: 'lbl', 'data-code': p.it.code }, p.it.name));
		}
	}

	// Dragging the map moves it (when zoomed in); a drag is not a click.
	let drag = null, dragged = false;
	svg.addEventListener('pointerdown', (e) => {
		drag = { x: e.clientX, y: e.clientY, mx: view.mx, my: view.my, f: svg.getBoundingClientRect().width / W };
		dragged = false;
	});
	svg.addEventListener('pointermove', (e) => {
		if (!drag || !e.buttons || view.k === 1)
			return;
		const dx = (e.clientX - drag.x) / drag.f, dy = (e.clientY - drag.y) / drag.f;
		if (Math.abs(dx) + Math.abs(dy) > 4)
			dragged = true;
		view.mx = drag.mx - dx / (scale * view.k);
		view.my = drag.my - dy / (scale * view.k);
		tip.hidden = true;
		place();
	});
	svg.addEventListener('pointerup', () => { drag = null; setTimeout(() => { dragged = false; }, 0); });

	const zoom = (k) => {
		view.k = Math.max(1, Math.min(16, k));
		if (view.k === 1) {
			view.mx = (x0 + x1) / 2;
			view.my = (y0 + y1) / 2;
		}
		tip.hidden = true;
		place();
		svg.dataset.zoom = String(view.k);
	};
	const btn = (text, name, fn) => {
		const b = document.createElement('button');
		b.type = 'button';
		b.className = 'secondary';
		b.textContent = text;
		b.setAttribute('aria-label', name);
		b.title = name;
		b.addEventListener('click', fn);
		return b;
	};
	const tools = document.createElement('div');
	tools.className = 'map-tools';
	tools.append(btn('+', words.zoomIn || '+', () => zoom(view.k * 2)), btn('−', words.zoomOut || '−', () => zoom(view.k / 2)),
		btn('⟲', words.reset || 'reset', () => zoom(1)));
	place();
	box.style.maxWidth = `${W}px`;
	box.append(tools, svg, tip);
	return box;
}
