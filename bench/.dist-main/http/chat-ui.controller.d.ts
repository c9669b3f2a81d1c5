import { StreamableFile } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ResolvedChatOptions } from '../options/chat-module-options.interface.js';
/**
 * What the Chainlit UI fetches on each page load besides its settings: its texts in the
 * user's language, the favicon, the logo and the authors' avatars.
 */
export declare class ChatUiController {
    private readonly options;
    private readonly adapterHost;
    private readonly logger;
    constructor(options: ResolvedChatOptions, adapterHost: HttpAdapterHost);
    /**
     * `{ translation }` for `language`: its own, else its base language's (`fr` for `fr-CA`),
     * else English (the app's `en-US` if it gives one, else the built-in one).
     */
    translations(language?: unknown): Promise<{
        translation: Record<string, unknown>;
    } | {
        translation: {
            readonly common: {
                readonly actions: {
                    readonly cancel: "Cancel";
                    readonly confirm: "Confirm";
                    readonly continue: "Continue";
                    readonly goBack: "Go back";
                    readonly reset: "Reset";
                    readonly submit: "Submit";
                };
                readonly status: {
                    readonly loading: "Loading...";
                    readonly error: {
                        readonly default: "Something went wrong";
                        readonly serverConnection: "Cannot reach the server";
                    };
                };
            };
            readonly auth: {
                readonly login: {
                    readonly title: "Log in to use the app";
                    readonly form: {
                        readonly email: {
                            readonly label: "Email address";
                            readonly required: "An email address is required";
                            readonly placeholder: "me@example.com";
                        };
                        readonly password: {
                            readonly label: "Password";
                            readonly required: "A password is required";
                        };
                        readonly actions: {
                            readonly signin: "Sign in";
                        };
                        readonly alternativeText: {
                            readonly or: "OR";
                        };
                    };
                    readonly errors: {
                        readonly default: "You could not be signed in.";
                        readonly signin: "Try to sign in with another account.";
                        readonly oauthSignin: "Try to sign in with another account.";
                        readonly redirectUriMismatch: "The redirect URI does not match the OAuth app settings.";
                        readonly oauthCallback: "Try to sign in with another account.";
                        readonly oauthCreateAccount: "Try to sign in with another account.";
                        readonly emailCreateAccount: "Try to sign in with another account.";
                        readonly callback: "Try to sign in with another account.";
                        readonly oauthAccountNotLinked: "Sign in with the account you used the first time.";
                        readonly emailSignin: "The email could not be sent.";
                        readonly emailVerify: "Check your email: a new one has been sent.";
                        readonly credentialsSignin: "You could not be signed in: check what you entered.";
                        readonly sessionRequired: "Sign in to see this page.";
                    };
                };
                readonly provider: {
                    readonly continue: "Continue with {{provider}}";
                };
            };
            readonly chat: {
                readonly input: {
                    readonly placeholder: "Type your message here...";
                    readonly actions: {
                        readonly send: "Send message";
                        readonly stop: "Stop";
                        readonly attachFiles: "Attach files";
                    };
                };
                readonly speech: {
                    readonly start: "Start recording";
                    readonly stop: "Stop recording";
                    readonly connecting: "Connecting";
                };
                readonly fileUpload: {
                    readonly dragDrop: "Drop your files here";
                    readonly browse: "Browse files";
                    readonly sizeLimit: "Limit:";
                    readonly errors: {
                        readonly failed: "The upload failed";
                        readonly cancelled: "Upload cancelled:";
                    };
                };
                readonly messages: {
                    readonly status: {
                        readonly using: "Using";
                        readonly used: "Used";
                    };
                    readonly actions: {
                        readonly copy: {
                            readonly button: "Copy";
                            readonly success: "Copied!";
                        };
                    };
                    readonly feedback: {
                        readonly positive: "Helpful";
                        readonly negative: "Not helpful";
                        readonly edit: "Edit feedback";
                        readonly dialog: {
                            readonly title: "Add a comment";
                            readonly submit: "Send feedback";
                            readonly yourFeedback: "Your feedback...";
                        };
                        readonly status: {
                            readonly updating: "Updating";
                            readonly updated: "Feedback updated";
                        };
                    };
                };
                readonly history: {
                    readonly title: "Last inputs";
                    readonly empty: "Nothing yet...";
                    readonly show: "Show history";
                };
                readonly settings: {
                    readonly title: "Settings";
                    readonly customize: "Customize your chat settings here";
                };
                readonly watermark: "Built with";
            };
            readonly threadHistory: {
                readonly sidebar: {
                    readonly title: "Past chats";
                    readonly filters: {
                        readonly search: "Search";
                        readonly placeholder: "Search conversations...";
                    };
                    readonly timeframes: {
                        readonly today: "Today";
                        readonly yesterday: "Yesterday";
                        readonly previous7days: "Previous 7 days";
                        readonly previous30days: "Previous 30 days";
                    };
                    readonly empty: "No chats yet";
                    readonly actions: {
                        readonly close: "Close sidebar";
                        readonly open: "Open sidebar";
                    };
                };
                readonly thread: {
                    readonly untitled: "Untitled chat";
                    readonly menu: {
                        readonly rename: "Rename";
                        readonly share: "Share";
                        readonly delete: "Delete";
                    };
                    readonly actions: {
                        readonly share: {
                            readonly title: "Share a link to this chat";
                            readonly button: "Share";
                            readonly status: {
                                readonly copied: "Link copied";
                                readonly created: "Link created!";
                                readonly unshared: "Sharing off";
                            };
                            readonly error: {
                                readonly create: "The link could not be created";
                                readonly unshare: "Sharing could not be turned off";
                            };
                        };
                        readonly delete: {
                            readonly title: "Delete this chat?";
                            readonly description: "The chat, its messages and its elements will be deleted for good.";
                            readonly success: "Chat deleted";
                            readonly inProgress: "Deleting the chat";
                        };
                        readonly rename: {
                            readonly title: "Rename the chat";
                            readonly description: "A new name for this chat";
                            readonly form: {
                                readonly name: {
                                    readonly label: "Name";
                                    readonly placeholder: "The new name";
                                };
                            };
                            readonly success: "Chat renamed!";
                            readonly inProgress: "Renaming the chat";
                        };
                    };
                };
            };
            readonly navigation: {
                readonly header: {
                    readonly chat: "Chat";
                    readonly readme: "Readme";
                    readonly theme: {
                        readonly light: "Light theme";
                        readonly dark: "Dark theme";
                        readonly system: "System theme";
                    };
                };
                readonly newChat: {
                    readonly button: "New chat";
                    readonly dialog: {
                        readonly title: "Start a new chat";
                        readonly description: "The messages of this chat will be cleared. Go on?";
                        readonly tooltip: "New chat";
                    };
                };
                readonly user: {
                    readonly menu: {
                        readonly settings: "Settings";
                        readonly settingsKey: "S";
                        readonly apiKeys: "API keys";
                        readonly logout: "Log out";
                    };
                };
            };
            readonly apiKeys: {
                readonly title: "API keys needed";
                readonly description: "This app needs the following API keys. They are kept in the local storage of your browser.";
                readonly success: {
                    readonly saved: "Saved";
                };
            };
            readonly alerts: {
                readonly info: "Info";
                readonly note: "Note";
                readonly tip: "Tip";
                readonly important: "Important";
                readonly warning: "Warning";
                readonly caution: "Caution";
                readonly debug: "Debug";
                readonly example: "Example";
                readonly success: "Success";
                readonly help: "Help";
                readonly idea: "Idea";
                readonly pending: "Pending";
                readonly security: "Security";
                readonly beta: "Beta";
                readonly best_practice: "Best practice";
            };
            readonly components: {
                readonly MultiSelectInput: {
                    readonly placeholder: "Select...";
                };
            };
            readonly settings: {
                readonly title: "Settings";
                readonly fields: {
                    readonly expandMessages: "Expand messages";
                    readonly hideChainOfThought: "Hide the chain of thought";
                    readonly darkMode: "Dark mode";
                };
            };
        };
    }>;
    /** The app's favicon, or the built-in one. */
    favicon(): Promise<StreamableFile>;
    /** The app's logo for the theme (light unless said), or the built-in one. */
    logo(theme?: unknown): Promise<StreamableFile>;
    /**
     * The avatar of an author: `<name>.<ext>` in `avatarsDir` (the name lowercased, spaces as
     * `_`; `default` is the assistant's), else the favicon. Any other name is refused (400).
     */
    avatar(raw: string): Promise<StreamableFile>;
    /**
     * A file of the app's `publicDir` folder (`/public/<path>`), as Chainlit's `public/`: its type
     * from its extension. A path that is missing, hidden (a segment starting with `.`) or leads out
     * of the folder is not found (404).
     */
    publicFile(raw: string | string[], res: unknown): Promise<StreamableFile>;
    private avatarFile;
    private translationOf;
    private image;
}
