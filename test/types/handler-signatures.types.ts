/**
 * Compile-time tests, checked by `npm run typecheck` (never run): the handler decorators accept
 * the signatures of README's handler table — fewer parameters too — and refuse others; the
 * settings values are typed by their widgets. Each `@ts-expect-error` line must fail to compile:
 * if a change lets it compile, typecheck fails ("Unused '@ts-expect-error' directive").
 */
import {
  type Action,
  type ChatSession,
  type ChatSettingsValues,
  type ChatThread,
  NumberInput,
  OnAction,
  OnChatEnd,
  OnChatResume,
  OnChatStart,
  OnDisconnect,
  OnMessage,
  OnSettingsEdit,
  OnSettingsUpdate,
  OnStop,
  OnWindowMessage,
  Select,
  Slider,
  Switch,
  Tags,
  TextInput,
  type UserMessage,
} from 'nest-chat';
import { of } from 'rxjs';

/** True when A and B are the same type. */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(check: Equal<A, B>) => check;

class AskDto {
  content!: string;
  topic?: string;
}

/** The signatures of the handler table, whole and shortened: all compile. */
export class RightSignatures {
  @OnChatStart()
  start(_session: ChatSession) {}

  @OnMessage()
  reply(message: UserMessage, _session: ChatSession): string {
    return message.content;
  }

  @OnMessage()
  async streamed(message: UserMessage) {
    return of(message.content);
  }

  @OnMessage()
  async *generated(): AsyncGenerator<string> {
    yield 'token';
  }

  // A pipe turns the message into something else: say what the handler gets.
  @OnMessage<AskDto>()
  asked(ask: AskDto, _session: ChatSession) {
    return ask.topic;
  }

  @OnStop()
  @OnDisconnect()
  @OnChatEnd()
  goodbye(_session: ChatSession) {}

  @OnSettingsUpdate()
  settings(_settings: Record<string, unknown>, _session: ChatSession) {}

  @OnSettingsUpdate<{ model: string }>()
  typedSettings(settings: { model: string }) {
    return settings.model;
  }

  @OnSettingsEdit()
  edited(_edited: Record<string, unknown>) {}

  @OnAction('rate')
  rate(action: Action, _session: ChatSession) {
    return action.payload;
  }

  @OnChatResume()
  resume(thread: ChatThread, _session: ChatSession) {
    return thread.name;
  }

  @OnWindowMessage()
  fromPage(_data: unknown, _session: ChatSession) {}

  @OnWindowMessage<{ type: 'resize' }>()
  typedFromPage(data: { type: 'resize' }) {
    return data.type;
  }

  @OnMessage()
  nothing() {}
}

/** Signatures that do not fit their decorator: none compiles. */
export class WrongSignatures {
  // @ts-expect-error the first parameter of a message handler is the UserMessage
  @OnMessage()
  text(_text: string) {}

  // @ts-expect-error the second parameter is the ChatSession
  @OnMessage()
  swapped(_message: UserMessage, _session: string) {}

  // @ts-expect-error the session comes second, not first
  @OnMessage()
  sessionFirst(_session: ChatSession, _message: UserMessage) {}

  // @ts-expect-error a chat start handler gets the session, not a message
  @OnChatStart()
  startWithMessage(_message: UserMessage) {}

  // @ts-expect-error a stop handler gets one argument, not two
  @OnStop()
  stopWithMore(_session: ChatSession, _reason: string) {}

  // @ts-expect-error an action handler gets the Action
  @OnAction('rate')
  rateMessage(_message: UserMessage) {}

  // @ts-expect-error settings are Record<string, unknown> unless the decorator says otherwise
  @OnSettingsUpdate()
  untypedSettings(_settings: { model: string }) {}

  // @ts-expect-error a resume handler gets the thread first
  @OnChatResume()
  resumeWithSession(_session: ChatSession) {}

  // @ts-expect-error a getter is not a method
  @OnMessage()
  get value() {
    return 1;
  }
}

/** `session.settings([...])` resolves with each widget's value type under its id. */
export async function typedSettings(session: ChatSession) {
  const values = await session.settings([
    new Select({ id: 'model', values: ['gpt-4o-mini', 'gpt-4o'] }),
    new Slider({ id: 'temperature', min: 0, max: 2 }),
    new Switch({ id: 'stream' }),
    new TextInput({ id: 'persona' }),
    new NumberInput({ id: 'maxTokens' }),
    new Tags({ id: 'topics' }),
  ]);
  same<
    typeof values,
    {
      model: string;
      temperature: number;
      stream: boolean;
      persona: string;
      maxTokens: number;
      topics: string[];
    }
  >(true);
  // @ts-expect-error no widget has this id
  void values.nope;

  // Widgets kept in a variable: name their values' type once, for the panel and its updates.
  const panel = [new Select({ id: 'model', values: ['a', 'b'] }), new Slider({ id: 't' })] as const;
  same<ChatSettingsValues<typeof panel>, { model: string; t: number }>(true);
  same<Awaited<ReturnType<typeof session.settings<typeof panel>>>, { model: string; t: number }>(
    true,
  );

  // Widgets of unknown ids (an array built at run time) give a record, as before.
  const built = ['a', 'b'].map((id) => new Switch({ id }));
  same<Awaited<ReturnType<typeof session.settings<typeof built>>>, Record<string, boolean>>(true);
}
