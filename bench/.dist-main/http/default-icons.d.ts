export declare const DEFAULT_FAVICON_SVG: string;
/** The logo by theme: dark strokes on a light page, light strokes on a dark one. */
export declare const DEFAULT_LOGO_SVG: {
    readonly light: string;
    readonly dark: string;
};
