import {
  IsDefined,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  ValidateIf,
  MaxLength,
} from 'class-validator';

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
  @ValidateIf((auth: { threadId?: string }) => auth.threadId !== '')
  @IsUUID(undefined, { message: 'threadId must be a UUID or ""' })
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
