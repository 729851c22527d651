/** Reads a server-sent event stream as text, chunk by chunk, until told to stop. */
export async function openStream(url: string, token: string) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const reader = response.body?.getReader();
  if (!reader) throw new Error('The stream has no body.');
  const decoder = new TextDecoder();
  let text = '';
  let finished = false;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted
    }
  })();
  return {
    response,
    text: () => text,
    finished: () => finished,
    async waitFor(pattern: RegExp, ms = 2000): Promise<string> {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (pattern.test(text)) return text;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`No ${pattern} in the stream within ${ms} ms; got: ${text}`);
    },
    async close() {
      abort.abort();
      await pump;
    },
  };
}
