/**
 * The Chainlit UI's texts in English, by the keys its components look up: what
 * `GET /project/translations` answers when no other language fits.
 */
export const ENGLISH_TRANSLATION = {
    common: {
        actions: {
            cancel: 'Cancel',
            confirm: 'Confirm',
            continue: 'Continue',
            goBack: 'Go back',
            reset: 'Reset',
            submit: 'Submit',
        },
        status: {
            loading: 'Loading...',
            error: {
                default: 'Something went wrong',
                serverConnection: 'Cannot reach the server',
            },
        },
    },
    auth: {
        login: {
            title: 'Log in to use the app',
            form: {
                email: {
                    label: 'Email address',
                    required: 'An email address is required',
                    placeholder: 'me@example.com',
                },
                password: {
                    label: 'Password',
                    required: 'A password is required',
                },
                actions: {
                    signin: 'Sign in',
                },
                alternativeText: {
                    or: 'OR',
                },
            },
            errors: {
                default: 'You could not be signed in.',
                signin: 'Try to sign in with another account.',
                oauthSignin: 'Try to sign in with another account.',
                redirectUriMismatch: 'The redirect URI does not match the OAuth app settings.',
                oauthCallback: 'Try to sign in with another account.',
                oauthCreateAccount: 'Try to sign in with another account.',
                emailCreateAccount: 'Try to sign in with another account.',
                callback: 'Try to sign in with another account.',
                oauthAccountNotLinked: 'Sign in with the account you used the first time.',
                emailSignin: 'The email could not be sent.',
                emailVerify: 'Check your email: a new one has been sent.',
                credentialsSignin: 'You could not be signed in: check what you entered.',
                sessionRequired: 'Sign in to see this page.',
            },
        },
        provider: {
            continue: 'Continue with {{provider}}',
        },
    },
    chat: {
        input: {
            placeholder: 'Type your message here...',
            actions: {
                send: 'Send message',
                stop: 'Stop',
                attachFiles: 'Attach files',
            },
        },
        speech: {
            start: 'Start recording',
            stop: 'Stop recording',
            connecting: 'Connecting',
        },
        fileUpload: {
            dragDrop: 'Drop your files here',
            browse: 'Browse files',
            sizeLimit: 'Limit:',
            errors: {
                failed: 'The upload failed',
                cancelled: 'Upload cancelled:',
            },
        },
        messages: {
            status: {
                using: 'Using',
                used: 'Used',
            },
            actions: {
                copy: {
                    button: 'Copy',
                    success: 'Copied!',
                },
            },
            feedback: {
                positive: 'Helpful',
                negative: 'Not helpful',
                edit: 'Edit feedback',
                dialog: {
                    title: 'Add a comment',
                    submit: 'Send feedback',
                    yourFeedback: 'Your feedback...',
                },
                status: {
                    updating: 'Updating',
                    updated: 'Feedback updated',
                },
            },
        },
        history: {
            title: 'Last inputs',
            empty: 'Nothing yet...',
            show: 'Show history',
        },
        settings: {
            title: 'Settings',
            customize: 'Customize your chat settings here',
        },
        watermark: 'Built with',
    },
    threadHistory: {
        sidebar: {
            title: 'Past chats',
            filters: {
                search: 'Search',
                placeholder: 'Search conversations...',
            },
            timeframes: {
                today: 'Today',
                yesterday: 'Yesterday',
                previous7days: 'Previous 7 days',
                previous30days: 'Previous 30 days',
            },
            empty: 'No chats yet',
            actions: {
                close: 'Close sidebar',
                open: 'Open sidebar',
            },
        },
        thread: {
            untitled: 'Untitled chat',
            menu: {
                rename: 'Rename',
                share: 'Share',
                delete: 'Delete',
            },
            actions: {
                share: {
                    title: 'Share a link to this chat',
                    button: 'Share',
                    status: {
                        copied: 'Link copied',
                        created: 'Link created!',
                        unshared: 'Sharing off',
                    },
                    error: {
                        create: 'The link could not be created',
                        unshare: 'Sharing could not be turned off',
                    },
                },
                delete: {
                    title: 'Delete this chat?',
                    description: 'The chat, its messages and its elements will be deleted for good.',
                    success: 'Chat deleted',
                    inProgress: 'Deleting the chat',
                },
                rename: {
                    title: 'Rename the chat',
                    description: 'A new name for this chat',
                    form: {
                        name: {
                            label: 'Name',
                            placeholder: 'The new name',
                        },
                    },
                    success: 'Chat renamed!',
                    inProgress: 'Renaming the chat',
                },
            },
        },
    },
    navigation: {
        header: {
            chat: 'Chat',
            readme: 'Readme',
            theme: {
                light: 'Light theme',
                dark: 'Dark theme',
                system: 'System theme',
            },
        },
        newChat: {
            button: 'New chat',
            dialog: {
                title: 'Start a new chat',
                description: 'The messages of this chat will be cleared. Go on?',
                tooltip: 'New chat',
            },
        },
        user: {
            menu: {
                settings: 'Settings',
                settingsKey: 'S',
                apiKeys: 'API keys',
                logout: 'Log out',
            },
        },
    },
    apiKeys: {
        title: 'API keys needed',
        description: 'This app needs the following API keys. They are kept in the local storage of your browser.',
        success: {
            saved: 'Saved',
        },
    },
    alerts: {
        info: 'Info',
        note: 'Note',
        tip: 'Tip',
        important: 'Important',
        warning: 'Warning',
        caution: 'Caution',
        debug: 'Debug',
        example: 'Example',
        success: 'Success',
        help: 'Help',
        idea: 'Idea',
        pending: 'Pending',
        security: 'Security',
        beta: 'Beta',
        best_practice: 'Best practice',
    },
    components: {
        MultiSelectInput: {
            placeholder: 'Select...',
        },
    },
    settings: {
        title: 'Settings',
        fields: {
            expandMessages: 'Expand messages',
            hideChainOfThought: 'Hide the chain of thought',
            darkMode: 'Dark mode',
        },
    },
};
//# sourceMappingURL=english-translation.js.map