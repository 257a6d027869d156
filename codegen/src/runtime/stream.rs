// `ByteStream`: a binary response body that travels in pieces, on both
// sides. The client hands it over as soon as the status and headers are
// decoded, so a download of any size never sits in memory whole; a server
// method answers with one built from any stream of bytes (a file, a
// generator) or from bytes at hand. Embedded beside the document's types
// when some response is binary (`application/octet-stream`, `type: file`,
// `format: binary`).

/// The error a `ByteStream` carries: whatever failed the source (the
/// connection on the client's side, the producer on the server's).
#[cfg(any(test, runtime = "byte_stream"))]
pub type StreamError = Box<dyn std::error::Error + Send + Sync>;

/// A body of bytes read, or written, in pieces.
///
/// On the client, read it with [`ByteStream::chunk`] (one piece at a time,
/// as it arrives), [`ByteStream::bytes`] (all of it), or as a
/// `futures_core::Stream`. On the server, build one with
/// [`ByteStream::new`] from any stream of `Result<Bytes, E>`, or with
/// `From` from bytes at hand.
#[cfg(any(test, runtime = "byte_stream"))]
pub struct ByteStream {
    inner: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<bytes::Bytes, StreamError>> + Send>>,
}

#[cfg(any(test, runtime = "byte_stream"))]
impl ByteStream {
    /// A body of the pieces `stream` yields, in order; an `Err` ends it with
    /// that error (the server then breaks off the response).
    pub fn new<S, E>(stream: S) -> Self
    where
        S: futures_core::Stream<Item = Result<bytes::Bytes, E>> + Send + 'static,
        E: Into<StreamError>,
    {
        Self { inner: Box::pin(ErrInto(Box::pin(stream))) }
    }

    /// The next piece, or `None` at the end of the body.
    pub async fn chunk(&mut self) -> Result<Option<bytes::Bytes>, StreamError> {
        std::future::poll_fn(|cx| futures_core::Stream::poll_next(self.inner.as_mut(), cx)).await.transpose()
    }

    /// The rest of the body, read whole.
    pub async fn bytes(mut self) -> Result<bytes::Bytes, StreamError> {
        let Some(first) = self.chunk().await? else {
            return Ok(bytes::Bytes::new());
        };
        let Some(second) = self.chunk().await? else {
            return Ok(first);
        };
        let mut all = bytes::BytesMut::from(&first[..]);
        all.extend_from_slice(&second);
        while let Some(piece) = self.chunk().await? {
            all.extend_from_slice(&piece);
        }
        Ok(all.freeze())
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl futures_core::Stream for ByteStream {
    type Item = Result<bytes::Bytes, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        futures_core::Stream::poll_next(self.inner.as_mut(), cx)
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ByteStream { .. }")
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<bytes::Bytes> for ByteStream {
    fn from(bytes: bytes::Bytes) -> Self {
        Self::new(Once(Some(bytes)))
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(bytes::Bytes::from(bytes))
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<&'static [u8]> for ByteStream {
    fn from(bytes: &'static [u8]) -> Self {
        Self::from(bytes::Bytes::from_static(bytes))
    }
}

#[cfg(any(test, runtime = "byte_stream"))]
impl From<String> for ByteStream {
    fn from(text: String) -> Self {
        Self::from(bytes::Bytes::from(text))
    }
}

/// One piece, then the end (an empty body is no piece at all).
#[cfg(any(test, runtime = "byte_stream"))]
struct Once(Option<bytes::Bytes>);

#[cfg(any(test, runtime = "byte_stream"))]
impl futures_core::Stream for Once {
    type Item = Result<bytes::Bytes, std::convert::Infallible>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.take().filter(|b| !b.is_empty()).map(Ok))
    }
}

/// A stream of bytes or values with its errors boxed (pinned in a box of its own, so that no
/// projection is needed).
#[cfg(any(test, runtime = "byte_stream"))]
struct ErrInto<S>(std::pin::Pin<Box<S>>);

#[cfg(any(test, runtime = "byte_stream"))]
impl<S, T, E> futures_core::Stream for ErrInto<S>
where
    S: futures_core::Stream<Item = Result<T, E>>,
    E: Into<StreamError>,
{
    type Item = Result<T, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        futures_core::Stream::poll_next(self.0.as_mut(), cx).map(|item| item.map(|r| r.map_err(Into::into)))
    }
}

/// A body of JSON values, one per line (`application/x-ndjson`,
/// `application/jsonl`, or `application/json-seq` records), read or
/// written one value at a time.
///
/// On the client, read it with [`JsonStream::next_item`], [`JsonStream::items`]
/// (all of them), or as a `futures_core::Stream`. On the server, build one
/// with [`JsonStream::new`] from any stream of `Result<T, E>`, or with
/// `From<Vec<T>>`.
#[cfg(any(test, runtime = "json_stream"))]
pub struct JsonStream<T> {
    inner: JsonSource<T>,
}

#[cfg(any(test, runtime = "json_stream"))]
enum JsonSource<T> {
    /// Values at hand, or made as they are asked for (a server's answer).
    Items(std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<T, StreamError>> + Send>>),
    /// Lines still to be read (a client's response).
    Lines { bytes: ByteStream, buffer: Vec<u8>, ended: bool },
}

#[cfg(any(test, runtime = "json_stream"))]
impl<T: serde::de::DeserializeOwned> JsonStream<T> {
    /// A body of the values `items` yields, in order; an `Err` ends it with
    /// that error (the server then breaks off the response).
    pub fn new<S, E>(items: S) -> Self
    where
        S: futures_core::Stream<Item = Result<T, E>> + Send + 'static,
        E: Into<StreamError>,
    {
        Self { inner: JsonSource::Items(Box::pin(ErrInto(Box::pin(items)))) }
    }

    /// The values of newline-delimited JSON text arriving as `bytes`
    /// (JSON text sequences' record separators are skipped, blank lines
    /// ignored).
    pub fn from_lines(bytes: ByteStream) -> Self {
        Self { inner: JsonSource::Lines { bytes, buffer: Vec::new(), ended: false } }
    }

    /// The next value, or `None` at the end of the body. A line that is not
    /// a `T` is an error naming it; reading may go on after it.
    pub async fn next_item(&mut self) -> Option<Result<T, StreamError>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// The remaining values, all of them.
    pub async fn items(mut self) -> Result<Vec<T>, StreamError> {
        let mut all = Vec::new();
        while let Some(item) = self.next_item().await {
            all.push(item?);
        }
        Ok(all)
    }

    fn poll_item(&mut self, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Result<T, StreamError>>> {
        let (bytes, buffer, ended) = match &mut self.inner {
            JsonSource::Items(items) => return futures_core::Stream::poll_next(items.as_mut(), cx),
            JsonSource::Lines { bytes, buffer, ended } => (bytes, buffer, ended),
        };
        loop {
            // A whole line in the buffer, or the last one at the end.
            let line = match buffer.iter().position(|&b| b == b'\n') {
                Some(end) => Some(buffer.drain(..=end).collect::<Vec<u8>>()),
                None if *ended && !buffer.is_empty() => Some(std::mem::take(buffer)),
                None if *ended => return std::task::Poll::Ready(None),
                None => None,
            };
            if let Some(line) = line {
                let text = line.trim_ascii().strip_prefix(b"\x1e").unwrap_or(line.trim_ascii()).trim_ascii();
                if text.is_empty() {
                    continue;
                }
                return std::task::Poll::Ready(Some(serde_json::from_slice(text).map_err(|error| {
                    let shown = String::from_utf8_lossy(&text[..text.len().min(200)]).into_owned();
                    format!("a line of the stream is not the documented type ({error}): {shown}").into()
                })));
            }
            match futures_core::Stream::poll_next(bytes.inner.as_mut(), cx) {
                std::task::Poll::Pending => return std::task::Poll::Pending,
                std::task::Poll::Ready(Some(Ok(piece))) => buffer.extend_from_slice(&piece),
                std::task::Poll::Ready(Some(Err(error))) => return std::task::Poll::Ready(Some(Err(error))),
                std::task::Poll::Ready(None) => *ended = true,
            }
        }
    }
}

#[cfg(any(test, runtime = "json_stream"))]
impl<T: serde::Serialize + Send + 'static> JsonStream<T> {
    /// The body's bytes: each value on a line of its own, after a record
    /// separator when `json_seq` (RFC 7464).
    pub(crate) fn encode(self, json_seq: bool) -> ByteStream {
        match self.inner {
            JsonSource::Items(items) => ByteStream::new(Encode { items, json_seq }),
            JsonSource::Lines { bytes, buffer, .. } if buffer.is_empty() => bytes,
            JsonSource::Lines { bytes, buffer, .. } => ByteStream::new(Prepend { first: Some(buffer.into()), rest: bytes }),
        }
    }
}

#[cfg(any(test, runtime = "json_stream"))]
impl<T: serde::de::DeserializeOwned> futures_core::Stream for JsonStream<T> {
    type Item = Result<T, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        self.poll_item(cx)
    }
}

#[cfg(any(test, runtime = "json_stream"))]
impl<T> std::fmt::Debug for JsonStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JsonStream { .. }")
    }
}

#[cfg(any(test, runtime = "json_stream"))]
impl<T: serde::de::DeserializeOwned + Send + 'static> From<Vec<T>> for JsonStream<T> {
    fn from(items: Vec<T>) -> Self {
        Self::new(VecItems(items.into_iter()))
    }
}

/// The values of a `Vec`, as a stream.
#[cfg(any(test, runtime = "json_stream"))]
struct VecItems<T>(std::vec::IntoIter<T>);

#[cfg(any(test, runtime = "json_stream"))]
impl<T> Unpin for VecItems<T> {}

#[cfg(any(test, runtime = "json_stream"))]
impl<T> futures_core::Stream for VecItems<T> {
    type Item = Result<T, std::convert::Infallible>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(self.0.next().map(Ok))
    }
}

/// Values written as lines.
#[cfg(any(test, runtime = "json_stream"))]
struct Encode<T> {
    items: std::pin::Pin<Box<dyn futures_core::Stream<Item = Result<T, StreamError>> + Send>>,
    json_seq: bool,
}

#[cfg(any(test, runtime = "json_stream"))]
impl<T: serde::Serialize> futures_core::Stream for Encode<T> {
    type Item = Result<bytes::Bytes, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let json_seq = self.json_seq;
        futures_core::Stream::poll_next(self.items.as_mut(), cx).map(|item| {
            item.map(|item| {
                let mut line = if json_seq { vec![0x1e] } else { Vec::new() };
                serde_json::to_writer(&mut line, &item?)?;
                line.push(b'\n');
                Ok(line.into())
            })
        })
    }
}

/// Bytes already read, then the rest.
#[cfg(any(test, runtime = "json_stream"))]
struct Prepend {
    first: Option<bytes::Bytes>,
    rest: ByteStream,
}

#[cfg(any(test, runtime = "json_stream"))]
impl futures_core::Stream for Prepend {
    type Item = Result<bytes::Bytes, StreamError>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        match self.first.take() {
            Some(first) => std::task::Poll::Ready(Some(Ok(first))),
            None => futures_core::Stream::poll_next(std::pin::Pin::new(&mut self.rest), cx),
        }
    }
}

#[cfg(test)]
mod stream_tests {
    use super::*;

    /// Pieces counted as they are produced.
    struct Counting {
        left: usize,
        produced: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    impl futures_core::Stream for Counting {
        type Item = Result<bytes::Bytes, std::io::Error>;

        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if self.left == 0 {
                return std::task::Poll::Ready(Some(Err(std::io::Error::other("gone"))));
            }
            self.left -= 1;
            self.produced.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::task::Poll::Ready(Some(Ok(bytes::Bytes::from_static(b"ab"))))
        }
    }

    #[tokio::test]
    async fn pieces_are_produced_as_they_are_read_and_an_error_ends_the_body() {
        let produced = std::sync::Arc::default();
        let mut body = ByteStream::new(Counting { left: 2, produced: std::sync::Arc::clone(&produced) });
        assert_eq!(produced.load(std::sync::atomic::Ordering::SeqCst), 0);
        assert_eq!(body.chunk().await.unwrap().as_deref(), Some(&b"ab"[..]));
        assert_eq!(produced.load(std::sync::atomic::Ordering::SeqCst), 1);
        let error = body.bytes().await.expect_err("the third piece fails");
        assert_eq!(error.to_string(), "gone");
    }

    #[tokio::test]
    async fn bytes_at_hand_are_one_piece_and_read_whole() {
        assert_eq!(ByteStream::from(b"hello".to_vec()).bytes().await.unwrap(), &b"hello"[..]);
        let mut empty = ByteStream::from(String::new());
        assert_eq!(empty.chunk().await.unwrap(), None);
        assert_eq!(format!("{:?}", ByteStream::from(&b"x"[..])), "ByteStream { .. }");
    }

    /// Pieces given in advance.
    struct Pieces(std::vec::IntoIter<Result<bytes::Bytes, std::io::Error>>);

    impl futures_core::Stream for Pieces {
        type Item = Result<bytes::Bytes, std::io::Error>;

        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.0.next())
        }
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Item {
        n: i64,
    }

    #[tokio::test]
    async fn lines_split_across_pieces_are_values_and_a_bad_line_is_named() {
        let pieces: Vec<Result<bytes::Bytes, std::io::Error>> = vec![
            Ok(bytes::Bytes::from_static(b"{\"n\":1}\n\n{\"n\"")),
            Ok(bytes::Bytes::from_static(b":2}\r\n\x1e{\"n\":3}\nnope\n{\"n\":4}")),
        ];
        let mut stream = JsonStream::<Item>::from_lines(ByteStream::new(Pieces(pieces.into_iter())));
        for n in 1..=3 {
            assert_eq!(stream.next_item().await.unwrap().unwrap(), Item { n });
        }
        let error = stream.next_item().await.unwrap().expect_err("nope is no item");
        assert!(error.to_string().ends_with(": nope"), "{error}");
        assert_eq!(stream.next_item().await.unwrap().unwrap(), Item { n: 4 });
        assert!(stream.next_item().await.is_none());
    }

    #[tokio::test]
    async fn values_are_written_one_per_line_and_read_back() {
        let items = || JsonStream::from(vec![Item { n: 1 }, Item { n: 2 }]);
        let lines = items().encode(false).bytes().await.unwrap();
        assert_eq!(lines, &b"{\"n\":1}\n{\"n\":2}\n"[..]);
        let records = items().encode(true).bytes().await.unwrap();
        assert_eq!(records, &b"\x1e{\"n\":1}\n\x1e{\"n\":2}\n"[..]);
        let back = JsonStream::<Item>::from_lines(records.into()).items().await.unwrap();
        assert_eq!(back, [Item { n: 1 }, Item { n: 2 }]);
    }
}
