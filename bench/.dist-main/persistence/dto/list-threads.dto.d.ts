export declare class ThreadsPaginationDto {
    first: number;
    /** The `endCursor` of the page before. */
    cursor?: string | null;
}
export declare class ThreadsFilterDto {
    search?: string | null;
    feedback?: 0 | 1 | null;
}
/** `POST /project/threads`: `{ pagination: { first, cursor? }, filter: { search?, feedback? } }`. */
export declare class ListThreadsDto {
    pagination: ThreadsPaginationDto;
    filter?: ThreadsFilterDto;
}
