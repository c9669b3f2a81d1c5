/** The clicked action, as the client sends it back; only its id and name are used. */
export declare class ActionRefDto {
    id: string;
    name: string;
}
/** `POST /project/action`: `{ sessionId, action }`. */
export declare class ActionRequestDto {
    sessionId: string;
    action: ActionRefDto;
}
