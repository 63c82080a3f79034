"""WebSocket broadcast: encode messages as RFC 6455 frames with websocket-client.

Frames are queued in an in-memory outbox for the relay that fans them out to
subscribers; nothing here opens a socket. The relay speaks as a WebSocket
client, so frames are masked, with a mask key derived from the connection id
and frame number to keep the output reproducible.
"""
import hashlib

import websocket
from websocket import ABNF

from app import config_loader

# (channel, wire bytes) tuples waiting for the relay.
outbox = []


def _mask_key_for(connection_id, seq):
    def mask_key(length):
        return hashlib.sha256(f"{connection_id}:{seq}".encode("utf-8")).digest()[:length]

    return mask_key


def encode_message(text, connection_id):
    """Split ``text`` into masked text/continuation frames; return wire bytes per frame."""
    size = config_loader.settings()["broadcast"]["fragment_bytes"]
    data = text.encode("utf-8")
    chunks = [data[i:i + size] for i in range(0, len(data), size)] or [b""]
    wire = []
    for seq, chunk in enumerate(chunks):
        opcode = ABNF.OPCODE_TEXT if seq == 0 else ABNF.OPCODE_CONT
        frame = ABNF.create_frame(chunk, opcode, fin=int(seq == len(chunks) - 1))
        frame.get_mask_key = _mask_key_for(connection_id, seq)
        wire.append(frame.format())
    return wire


def unmask_payload(wire_frame):
    """Recover the payload of one masked frame produced by ``encode_message``."""
    length = wire_frame[1] & 0x7F
    offset = 2 + {126: 2, 127: 8}.get(length, 0)
    mask_key, payload = wire_frame[offset:offset + 4], wire_frame[offset + 4:]
    return ABNF.mask(mask_key, payload)


def broadcast(channel, text, connection_id):
    """Queue ``text`` for ``channel``; check the frames decode back to the message."""
    wire = encode_message(text, connection_id)
    if b"".join(unmask_payload(frame) for frame in wire) != text.encode("utf-8"):
        raise websocket.WebSocketProtocolException("frame round-trip mismatch")
    outbox.extend((channel, frame) for frame in wire)
    return {
        "channel": channel,
        "frames": len(wire),
        "wire_bytes": sum(len(frame) for frame in wire),
        "digest": hashlib.sha256(b"".join(wire)).hexdigest()[:16],
    }
