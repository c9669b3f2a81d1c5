/** The texts of the Chainlit UI in other languages than the built-in English. */
export interface ChatTranslationsOptions {
    /**
     * A folder of `<language>.json` files (`fr-FR.json`, `fr.json`, ...), each a Chainlit
     * translation. Checked to exist at bootstrap.
     */
    dir?: string;
    /** Translations by language (`{ 'fr-FR': {...} }`), before those of `dir`. */
    languages?: Record<string, Record<string, unknown>>;
}
/** The logo files of the app, by theme. */
export interface ChatLogoOptions {
    light?: string;
    dark?: string;
}
