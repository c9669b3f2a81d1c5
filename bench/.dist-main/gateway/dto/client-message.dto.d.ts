/** The user's message, as a step. Only `output` is required; the Chainlit client sends all. */
export declare class ClientStepDto {
    id?: string;
    output: string;
    name?: string;
    type?: string;
    threadId?: string;
    createdAt?: string;
    /** The slash command the user picked. */
    command?: string;
}
export declare class FileReferenceDto {
    id: string;
}
/** `client_message`: `{ message: Step, fileReferences?: [{ id }] }`. */
export declare class ClientMessageDto {
    message: ClientStepDto;
    fileReferences?: FileReferenceDto[];
}
/** The edited message: its id is required. */
export declare class EditedStepDto extends ClientStepDto {
    id: string;
}
/** `edit_message`: `{ message: Step }`. */
export declare class EditMessageDto {
    message: EditedStepDto;
}
/** The message's metadata as the client sends it back: only `favorite` is read. */
export declare class FavoriteMetadataDto {
    favorite?: boolean;
}
/** The message the user starred or unstarred, as the client shows it. */
export declare class FavoriteStepDto {
    id: string;
    output?: string;
    name?: string;
    type?: string;
    parentId?: string;
    createdAt?: string;
    metadata?: FavoriteMetadataDto;
}
/** `message_favorite`: `{ message: Step }`, its `metadata.favorite` the new state. */
export declare class MessageFavoriteDto {
    message: FavoriteStepDto;
}
