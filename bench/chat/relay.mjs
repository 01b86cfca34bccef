// The baseline of bench/chat: a bare Socket.IO relay in its own process, with what the product does around a message
// taken away (no token check, no database, no unread counts) — the same sockets, rooms, acks and payloads.
// Usage (by run.mjs): node bench/chat/relay.mjs <port>
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const server = createServer();
const io = new Server(server, { serveClient: false });
const chat = io.of('/chat');
let seq = 0;
chat.on('connection', (socket) => {
  const { rooms = [] } = socket.handshake.auth ?? {};
  void socket.join(rooms);
  socket.on('message:send', (payload, ack) => {
    const message = { id: `m${++seq}`, seq, conversationId: payload.conversationId, clientId: payload.clientId, text: payload.text, createdAt: new Date().toISOString() };
    chat.to(payload.conversationId).emit('message:new', { conversationId: payload.conversationId, message });
    if (typeof ack === 'function') ack({ id: message.id, seq, createdAt: message.createdAt, duplicate: false });
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => process.exit(0));
