// Bench fixture for `pnpm bench`: one thread of 50 messages as Gmail's users.threads.get returns it
// in format=full (headers, MIME parts, base64url bodies), read with gmail_get_thread.
const ITEMS = 50;
const b64 = (text) => Buffer.from(text, 'utf8').toString('base64url');

function rawMessage(i) {
  const id = `18c2a3f4e5d6${String(1000 + i).padStart(4, '0')}`;
  const text = `Hi team,\n\nUpdate ${i} on the Q3 close: the invoices for region ${i % 7} are reconciled, two remain open.\n\nBest,\nAda\n\n> On Tue, Mia wrote:\n> Any news on the close?\n`;
  const html = `<html><head><style>body{font-family:Arial}</style></head><body><div dir="ltr"><p>Hi team,</p><p>Update ${i} on the Q3 close: the invoices for region ${i % 7} are <b>reconciled</b>, two remain open.</p><p>Best,<br>Ada</p></div><blockquote class="gmail_quote">On Tue, Mia wrote:<br>Any news on the close?</blockquote></body></html>`;
  const headers = [
    ['Delivered-To', 'mia@example.com'],
    ['Received', 'by 2002:a05:6a10:1234 with SMTP id abc; Tue, 1 Dec 2026 09:14:03 -0800 (PST)'],
    ['X-Google-Smtp-Source', 'AGHT+IE4exampleexampleexample'],
    ['ARC-Seal', 'i=1; a=rsa-sha256; t=1796116443; cv=none; d=google.com; s=arc-20160816; b=exampleexampleexampleexample'],
    [
      'DKIM-Signature',
      'v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=google; h=to:subject:message-id:date:from; bh=exampleexample; b=exampleexampleexample',
    ],
    ['MIME-Version', '1.0'],
    ['From', 'Ada Lovelace <ada@example.com>'],
    ['To', 'Finance <finance@example.com>'],
    ['Cc', 'Mia Krystof <mia@example.com>'],
    ['Subject', 'Re: Q3 close'],
    ['Date', 'Tue, 1 Dec 2026 09:14:03 +0000'],
    ['Message-ID', `<CAF=${id}@mail.gmail.com>`],
    ['In-Reply-To', '<CAF=18c2a3f4e5d60999@mail.gmail.com>'],
    ['References', '<CAF=18c2a3f4e5d60999@mail.gmail.com>'],
    ['Content-Type', 'multipart/alternative; boundary="000000000000a1b2c3"'],
  ].map(([name, value]) => ({ name, value }));
  return {
    id,
    threadId: '18c2a3f4e5d60999',
    labelIds: ['IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'],
    snippet: `Hi team, Update ${i} on the Q3 close: the invoices for region ${i % 7} are reconciled, two remain open.`,
    payload: {
      partId: '',
      mimeType: 'multipart/alternative',
      filename: '',
      headers,
      body: { size: 0 },
      parts: [
        {
          partId: '0',
          mimeType: 'text/plain',
          filename: '',
          headers: [{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' }],
          body: { size: text.length, data: b64(text) },
        },
        {
          partId: '1',
          mimeType: 'text/html',
          filename: '',
          headers: [
            { name: 'Content-Type', value: 'text/html; charset="UTF-8"' },
            { name: 'Content-Transfer-Encoding', value: 'quoted-printable' },
          ],
          body: { size: html.length, data: b64(html) },
        },
      ],
    },
    sizeEstimate: 6120 + i,
    historyId: String(1234567 + i),
    internalDate: String(1796116443000 + i * 60_000),
  };
}

export default {
  action: 'get_thread',
  args: { threadId: '18c2a3f4e5d60999' },
  items: ITEMS,
  env: (baseUrl) => ({ GOOGLE_API_BASE_URL: baseUrl, GOOGLE_ACCESS_TOKEN: 'bench-token-not-secret' }),
  rawBody: { id: '18c2a3f4e5d60999', historyId: '1234999', messages: Array.from({ length: ITEMS }, (_, i) => rawMessage(i)) },
};
