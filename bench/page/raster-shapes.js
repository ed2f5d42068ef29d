// Runs in the page of bench/raster-shapes.ts as a classic script, so it uses no imports and
// no types. Returns the median times in ms of each shape, drawn and rasterised 12 times: of the
// drawing calls alone, and of the calls and the raster together.
(async () => {
	const canvas = document.querySelector('canvas');
	const ctx = canvas.getContext('2d');
	const plotWidth = 796;
	let seed = 1;
	const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
	// A min/max decimated noisy series: two points per pixel column, anywhere in 300 px.
	const ys = Array.from({ length: 2 * plotWidth }, () => 170 + (random() - 0.5) * 300);
	const markers = Array.from({ length: 2000 }, () => [random() * plotWidth, random() * 342]);

	const strokeLine = (points, lineWidth) => () => {
		ctx.lineWidth = lineWidth;
		ctx.lineJoin = 'bevel';
		ctx.strokeStyle = '#36c';
		ctx.beginPath();
		for (let i = 0; i < points; i++) ctx.lineTo((i * plotWidth) / points, ys[i]);
		ctx.stroke();
	};
	const shapes = {
		'1,600 points stroked 1.5 px wide': strokeLine(2 * plotWidth, 1.5),
		'1,600 points stroked 1 px wide': strokeLine(2 * plotWidth, 1),
		'800 points stroked 1.5 px wide': strokeLine(plotWidth, 1.5),
		'400 points stroked 1.5 px wide': strokeLine(plotWidth / 2, 1.5),
		'200 points stroked 1.5 px wide': strokeLine(plotWidth / 4, 1.5),
		'800 columns as 1.5 px wide rectangles': () => {
			ctx.fillStyle = '#36c';
			for (let c = 0; c < plotWidth; c++) {
				const low = Math.min(ys[2 * c], ys[2 * c + 1]);
				const high = Math.max(ys[2 * c], ys[2 * c + 1]);
				ctx.fillRect(c - 0.25, low - 0.75, 1.5, high - low + 1.5);
			}
		},
		'800 columns as 1.5 px wide rectangles in one path': () => {
			ctx.fillStyle = '#36c';
			ctx.beginPath();
			for (let c = 0; c < plotWidth; c++) {
				const low = Math.min(ys[2 * c], ys[2 * c + 1]);
				const high = Math.max(ys[2 * c], ys[2 * c + 1]);
				ctx.rect(c - 0.25, low - 0.75, 1.5, high - low + 1.5);
			}
			ctx.fill();
		},
		'band polygon of 1,600 points a side': () => {
			ctx.fillStyle = 'rgb(50 100 200 / 20%)';
			ctx.beginPath();
			for (let i = 0; i < ys.length; i++) ctx.lineTo(i / 2, ys[i] - 40);
			for (let i = ys.length - 1; i >= 0; i--) ctx.lineTo(i / 2, ys[i] + 40);
			ctx.fill();
		},
		'2,000 circles in one path': () => {
			ctx.fillStyle = '#d00';
			ctx.beginPath();
			for (const [x, y] of markers) {
				ctx.moveTo(x + 4, y);
				ctx.arc(x, y, 4, 0, 2 * Math.PI);
			}
			ctx.fill();
		},
		'2,000 circles, one path each': () => {
			ctx.fillStyle = '#d00';
			for (const [x, y] of markers) {
				ctx.beginPath();
				ctx.arc(x, y, 4, 0, 2 * Math.PI);
				ctx.fill();
			}
		}
	};

	const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];
	const result = {};
	for (const [name, draw] of Object.entries(shapes)) {
		const calls = [];
		const total = [];
		for (let run = 0; run < 12; run++) {
			await new Promise((resolve) => requestAnimationFrame(resolve));
			const start = performance.now();
			ctx.clearRect(0, 0, canvas.width, canvas.height);
			draw();
			calls.push(performance.now() - start);
			ctx.getImageData(0, 0, 1, 1);
			total.push(performance.now() - start);
		}
		result[name] = { calls: median(calls), total: median(total) };
	}
	return result;
})();
