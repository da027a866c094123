package dev.stagefarm.cli.api;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body that reports its progress: wraps another publisher (a file) and tells a
 * {@link TransferListener} how many bytes were handed to the connection. Keeps the content
 * length, so the upload is not chunked.
 */
final class CountingPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher delegate;
    private final TransferListener listener;

    CountingPublisher(HttpRequest.BodyPublisher delegate, TransferListener listener) {
        this.delegate = delegate;
        this.listener = listener;
    }

    @Override
    public long contentLength() {
        return delegate.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        AtomicLong sent = new AtomicLong();
        long total = contentLength();
        delegate.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                long now = sent.addAndGet(item.remaining());
                subscriber.onNext(item);
                listener.transferred(now, total);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
