/** `?session_id=&ask_parent_id=` of the file routes. */
export declare class FileQueryDto {
    session_id: string;
    /** The file ask an upload answers. */
    ask_parent_id?: string;
}
