import {
  IsDefined,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';

const UUID_OR_EMPTY = /^(|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The socket handshake's `auth` object. */
export class HandshakeAuthDto {
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  clientType!: string;

  @IsDefined()
  @IsUUID()
  sessionId!: string;

  /** The thread to resume, or '' (a new thread). */
  @IsOptional()
  @IsString()
  @Matches(UUID_OR_EMPTY, { message: 'threadId must be a UUID or ""' })
  threadId?: string;

  /** A JSON string of an object of strings. */
  @IsOptional()
  @IsString()
  @MaxLength(65_536)
  userEnv?: string;

  /** A URI-encoded chat profile name, or ''. */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  chatProfile?: string;
}
