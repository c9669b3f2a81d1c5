# A stand-in for Chainlit's transport: python-socketio on uvicorn (ASGI), as Chainlit serves, doing
# the emits Chainlit's emitter does for a message the handler streams: task_start, stream_start
# (with the first token), one stream_token per later token, update_message, task_end.
# Run by server-chainlit.mjs: python3 chainlit_standin.py PORT
import asyncio
import sys
import uuid
from datetime import datetime, timezone

import socketio
import uvicorn

sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins=[])
app = socketio.ASGIApp(sio, socketio_path="ws/socket.io")
threads = {}


def step(thread_id, output):
    return {
        "id": str(uuid.uuid4()),
        "threadId": thread_id,
        "name": "Assistant",
        "type": "assistant_message",
        "output": output,
        "createdAt": datetime.now(timezone.utc).isoformat(),
    }


async def tokens(count):
    """`count` tokens, one per event-loop turn (as bench/lib/work.mjs)."""
    for i in range(count):
        await asyncio.sleep(0)
        yield f"t{i} "


async def stream_to(sid, thread_id, count):
    reply = step(thread_id, "")
    started = False
    async for token in tokens(count):
        reply["output"] += token
        if not started:
            started = True
            await sio.emit("stream_start", {**reply, "streaming": True}, to=sid)
        else:
            await sio.emit(
                "stream_token",
                {"id": reply["id"], "token": token, "isSequence": False, "isInput": False},
                to=sid,
            )
    await sio.emit("update_message", {**reply, "streaming": False}, to=sid)


async def handle(sid, output):
    command, *args = output.split(" ")
    thread_id = threads.get(sid, "")
    await sio.emit("task_start", {}, to=sid)
    try:
        if command == "echo":
            await sio.emit("new_message", step(thread_id, " ".join(args)), to=sid)
        elif command == "stream":
            await stream_to(sid, thread_id, int(args[0]))
        elif command == "wait":
            await asyncio.sleep(int(args[0]) / 1000)
            await stream_to(sid, thread_id, int(args[1]))
    finally:
        await sio.emit("task_end", {}, to=sid)


@sio.event
async def connect(sid, environ, auth):
    threads[sid] = str(uuid.uuid4())


@sio.event
async def disconnect(sid):
    threads.pop(sid, None)


@sio.on("client_message")
async def client_message(sid, payload):
    # Chainlit runs each message's handler as its own task.
    asyncio.ensure_future(handle(sid, payload["message"]["output"]))


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="error", ws="wsproto")
