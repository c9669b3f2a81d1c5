export declare class FeedbackBodyDto {
    /** The step (message) it is about. */
    forId: string;
    value: 0 | 1;
    comment?: string | null;
    id?: string | null;
    threadId?: string | null;
}
/** `PUT /feedback`: `{ feedback: { forId, value, comment?, id?, threadId? }, sessionId? }`. */
export declare class UpdateFeedbackDto {
    feedback: FeedbackBodyDto;
    sessionId?: string | null;
}
/** `DELETE /feedback`: `{ feedbackId }`. */
export declare class DeleteFeedbackDto {
    feedbackId: string;
}
