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
