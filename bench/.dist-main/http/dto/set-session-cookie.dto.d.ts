export declare class SetSessionCookieDto {
    session_id: string;
}
