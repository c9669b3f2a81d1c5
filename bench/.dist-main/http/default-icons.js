/** The icons served when the app gives none of its own: a speech bubble, in SVG. */
const bubble = (fill, stroke) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">` +
    `<path d="M12 10h40a6 6 0 0 1 6 6v24a6 6 0 0 1-6 6H28l-12 10v-10h-4a6 6 0 0 1-6-6V16a6 6 0 0 1 6-6z" ` +
    `fill="${fill}" stroke="${stroke}" stroke-width="3" stroke-linejoin="round"/>` +
    `<circle cx="22" cy="28" r="3.5" fill="${stroke}"/><circle cx="32" cy="28" r="3.5" fill="${stroke}"/>` +
    `<circle cx="42" cy="28" r="3.5" fill="${stroke}"/></svg>`;
export const DEFAULT_FAVICON_SVG = bubble('#e8eefc', '#3b5bdb');
/** The logo by theme: dark strokes on a light page, light strokes on a dark one. */
export const DEFAULT_LOGO_SVG = {
    light: bubble('#ffffff', '#1f2937'),
    dark: bubble('#1f2937', '#f3f4f6'),
};
//# sourceMappingURL=default-icons.js.map