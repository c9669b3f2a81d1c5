/** The content of the message a session receives when its task is stopped. */
export declare const TASK_STOPPED_MESSAGE = "Task manually stopped.";
/** What a resumed client is told when the answer it was waiting for was lost (a server died). */
export declare const ANSWER_LOST_MESSAGE = "The answer in progress was lost when the server stopped. Please send your message again.";
