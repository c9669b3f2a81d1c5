import { ThreadRefDto } from './thread-ref.dto.js';
/** `PUT /project/thread`: `{ threadId, name }`. */
export declare class RenameThreadDto extends ThreadRefDto {
    name: string;
}
