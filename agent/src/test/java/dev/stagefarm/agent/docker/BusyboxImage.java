package dev.stagefarm.agent.docker;

import dev.stagefarm.agent.image.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Makes {@code busybox:latest} from the host's static busybox (Debian {@code busybox-static}):
 * the binary, a symlink per applet, a few folders and passwd/group files with users
 * {@code root}, {@code app} (1000) and {@code nobody}, then the official image's config
 * ({@code PATH}, {@code CMD ["sh"]}). No registry involved.
 */
final class BusyboxImage {

    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxImage() {
    }

    static String importInto(DockerEngine engine) throws IOException, InterruptedException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException("/bin/busybox not found: install busybox-static");
        }
        Path tar = Files.createTempFile("busybox-rootfs", ".tar");
        try {
            writeRootfs(tar);
            String imported;
            try (InputStream in = Files.newInputStream(tar)) {
                imported = engine.images().importRootfs(in, "stagefarm-test/busybox-rootfs", "latest");
            }
            ImageConfig config = ImageConfig.empty().withEnv("PATH", ImageConfig.DEFAULT_PATH).withCmd(List.of("sh"));
            String container = engine.containers().createIdle("busybox-config", imported, config);
            try {
                String id = engine.containers().commit(container, config);
                engine.images().tag(id, "busybox", "latest");
                return id;
            } finally {
                engine.containers().removeContainer(container);
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private static void writeRootfs(Path target) throws IOException, InterruptedException {
        Process list = new ProcessBuilder(BUSYBOX.toString(), "--list-full").start();
        List<String> applets = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.equals("bin/busybox")).toList();
        list.waitFor();
        Set<String> dirs = new LinkedHashSet<>(List.of("bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "root",
                "home", "home/app", "var", "dev", "proc", "sys"));
        for (String applet : applets) {
            if (applet.contains("/")) {
                dirs.add(applet.substring(0, applet.lastIndexOf('/')));
            }
        }
        try (OutputStream out = Files.newOutputStream(target);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : dirs) {
                directory(tar, dir, dir.equals("root") ? 0700 : 0755, dir.equals("home/app") ? 1000 : 0);
            }
            directory(tar, "tmp", 01777, 0);
            TarArchiveEntry binary = new TarArchiveEntry("bin/busybox");
            binary.setMode(0755);
            binary.setSize(Files.size(BUSYBOX));
            tar.putArchiveEntry(binary);
            Files.copy(BUSYBOX, tar);
            tar.closeArchiveEntry();
            for (String applet : applets) {
                TarArchiveEntry link = new TarArchiveEntry(applet, TarConstants.LF_SYMLINK);
                link.setLinkName("/bin/busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n"
                    + "nobody:x:65534:65534:nobody:/home:/bin/false\n");
            file(tar, "etc/group", "root:x:0:\napp:x:1000:\nstaff:x:50:app\nnogroup:x:65534:\n");
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode, int owner) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name + "/");
        entry.setMode(mode);
        entry.setIds(owner, owner);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0644);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

}
