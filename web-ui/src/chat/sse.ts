// Server-sent events read incrementally from a fetch body: bytes arrive in pieces cut anywhere (inside a
// line, inside a UTF-8 character, between "\r" and "\n"); whole events come out.

export interface SseEvent {
  /** The event type: "message" unless an `event:` line names another. */
  event: string;
  /** The `data:` lines of the event joined by "\n". */
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private event = '';
  private data: string[] = [];

  /** Feeds the next piece of the body; returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.lines(false);
  }

  /** The body ended: an event without its closing blank line still counts. */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    const events = this.lines(true);
    const last = this.dispatch();
    return last ? [...events, last] : events;
  }

  private lines(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A "\r" at the very end may be the first half of "\r\n": wait for the next piece.
      if (c === '\r' && i === this.buffer.length - 1 && !final) break;
      const line = this.buffer.substring(start, i);
      if (c === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.substring(start);
    if (final && this.buffer) {
      const event = this.line(this.buffer);
      this.buffer = '';
      if (event) events.push(event);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.substring(0, colon);
    let value = colon < 0 ? '' : line.substring(colon + 1);
    if (value.startsWith(' ')) value = value.substring(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    return null;
  }

  private dispatch(): SseEvent | null {
    const event = this.data.length ? { event: this.event || 'message', data: this.data.join('\n') } : null;
    this.event = '';
    this.data = [];
    return event;
  }
}

/** Said by the stream itself: an `event: error`, an error chunk, or an answer cut short. */
export class ChatStreamError extends Error {}

function errorMessage(data: string): string {
  try {
    const parsed = JSON.parse(data) as { error?: { message?: string } | string; message?: string };
    if (typeof parsed.error === 'string') return parsed.error;
    return parsed.error?.message || parsed.message || data;
  } catch {
    return data || 'The agent’s answer failed.';
  }
}

/**
 * Reads an OpenAI chat-completions stream (`data: {chunk}` … `data: [DONE]`), handing each piece of the
 * answer's text to onDelta as it arrives. Resolves at [DONE]; rejects with a ChatStreamError on an
 * `event: error` or a body that ends before [DONE], and with the AbortError when the reader is cancelled.
 */
export async function readChatStream(body: ReadableStream<Uint8Array>, onDelta: (text: string) => void): Promise<void> {
  const reader = body.getReader();
  const parser = new SseParser();
  const handle = (events: SseEvent[]): boolean => {
    for (const e of events) {
      if (e.event === 'error') throw new ChatStreamError(errorMessage(e.data));
      if (e.event !== 'message') continue;
      if (e.data.trim() === '[DONE]') return true;
      let chunk: { choices?: { delta?: { content?: string | null } }[]; error?: unknown };
      try {
        chunk = JSON.parse(e.data);
      } catch {
        continue;
      }
      if (chunk.error) throw new ChatStreamError(errorMessage(e.data));
      const text = chunk.choices?.[0]?.delta?.content;
      if (text) onDelta(text);
    }
    return false;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (handle(parser.end())) return;
        throw new ChatStreamError('The answer ended before it was complete.');
      }
      if (handle(parser.push(value))) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } catch (e) {
    void reader.cancel().catch(() => undefined);
    throw e;
  }
}
