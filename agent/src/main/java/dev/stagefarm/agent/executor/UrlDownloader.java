package dev.stagefarm.agent.executor;

import dev.stagefarm.agent.copy.CopySelection;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * ADD of a URL: streams the body to a file named after the URL's last path segment, mode 0600
 * and the server's Last-Modified time (as Docker does), verifying {@code --checksum} when given.
 * Thread-safe.
 */
final class UrlDownloader {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30)).build();

    static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    CopySelection.Source download(String url, String checksum, Path tempDir, int line) {
        try {
            Path dir = Files.createTempDirectory(tempDir, "add");
            String path = URI.create(url).getPath();
            String name = path == null || path.isEmpty() || path.endsWith("/") ? "__unnamed__"
                    : path.substring(path.lastIndexOf('/') + 1);
            Path file = dir.resolve(name);
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, url, line,
                            "failed to load " + url + ": HTTP " + response.statusCode());
                }
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
                    in.transferTo(out);
                }
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!checksum.isEmpty() && !checksum.equals(actual)) {
                throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, url, line,
                        "digest mismatch for " + url + ": expected " + checksum + ", got " + actual);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            response.headers().firstValue("Last-Modified").ifPresent(value -> setTime(file, value));
            return new CopySelection.Source(dir, name, false);
        } catch (IOException e) {
            throw new StagefarmException(FailureCode.COPY_SOURCE_MISSING, url, line, "failed to load " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StagefarmException(FailureCode.BUILD_CANCELLED, url, line, "interrupted while downloading");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setTime(Path file, String httpDate) {
        try {
            ZonedDateTime time = ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME);
            Files.setLastModifiedTime(file, FileTime.from(time.toInstant()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // An unreadable date keeps the download time, as Docker does.
        }
    }
}
