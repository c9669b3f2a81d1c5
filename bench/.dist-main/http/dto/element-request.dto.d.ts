/** The element as the client sends it back; its id, type and (to update) its new props. */
export declare class ElementRefDto {
    id: string;
    type: string;
    props?: Record<string, unknown>;
}
/** `PUT /project/element` and `DELETE /project/element`: `{ sessionId, element }`. */
export declare class ElementRequestDto {
    sessionId: string;
    element: ElementRefDto;
}
