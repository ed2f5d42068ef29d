/** Pixels per SVG unit of an exported PNG, so that it stays sharp on high-density screens. */
const PNG_SCALE = 2;

/** Reads the width and height of an SVG's viewBox, such as the charts of report-svg.ts. */
export function svgSize(svg: string): { width: number; height: number } {
	const match = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"/.exec(svg);
	if (match === null) throw new Error('invalid chart SVG: it has no viewBox');
	return { width: Number(match[1]), height: Number(match[2]) };
}

/**
 * Rasterises an SVG chart to a PNG on a white background. The SVG is drawn through an image
 * element, because workers have no way to decode SVG; it must load nothing external, as an
 * SVG drawn as an image never does.
 *
 * @throws Error when the browser cannot decode the SVG or encode the PNG.
 */
export async function svgToPng(svg: string): Promise<Blob> {
	const { width, height } = svgSize(svg);
	// A data URL, because the page's Content Security Policy allows images only from 'self' and data:.
	const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
	const image = new Image(width, height);
	image.src = url;
	await image.decode().catch(() => {
		throw new Error('the chart SVG could not be decoded as an image');
	});
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * PNG_SCALE);
	canvas.height = Math.round(height * PNG_SCALE);
	const context = canvas.getContext('2d');
	if (context === null) throw new Error('no 2D canvas context to draw the chart PNG');
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(image, 0, 0, canvas.width, canvas.height);
	return await new Promise<Blob>((resolve, reject) =>
		canvas.toBlob(
			(blob) => (blob ? resolve(blob) : reject(new Error('the chart PNG could not be encoded'))),
			'image/png'
		)
	);
}
