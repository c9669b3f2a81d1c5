/** `DELETE /project/thread`: `{ threadId }`. */
export declare class ThreadRefDto {
    threadId: string;
}
