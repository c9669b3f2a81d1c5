export default function asyncifyTask(task: any): Promise<{
    ok: boolean;
    missing: boolean;
    value?: undefined;
    error?: undefined;
} | {
    ok: boolean;
    value: any;
    missing?: undefined;
    error?: undefined;
} | {
    ok: boolean;
    error: {
        name: string;
        message: string;
        stack: string | undefined;
        code: any;
    } | {
        name: string;
        message: string;
        stack: undefined;
        code?: undefined;
    };
    missing?: undefined;
    value?: undefined;
}>;
