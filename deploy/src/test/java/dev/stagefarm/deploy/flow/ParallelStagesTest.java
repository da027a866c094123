package dev.stagefarm.deploy.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagefarm.deploy.local.Command;
import dev.stagefarm.deploy.local.CommandResult;
import dev.stagefarm.deploy.local.FarmFacts;
import dev.stagefarm.deploy.local.LocalFarm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code examples/parallel-stages} on the farm: three independent stages run at the same time
 * on different agents, and the final stage, on one daemon, gets the files the others made on
 * theirs through the object store, byte for byte. The build's own events are the evidence.
 * Slow: three stages of a few seconds each, then the final image moved through the store.
 */
// Before FarmDownTest, which takes the shared farm down.
@Order(11)
class ParallelStagesTest {
    private static final Pattern EVENT = Pattern.compile(
            "\"kind\":\"(STAGE_RUNNING|STAGE_SUCCEEDED)\".*?\"stageIndex\":(\\d+).*?\"time\":\"([^\"]+)\"(.*)");
    private static final Pattern AGENT = Pattern.compile("\"agent\":\"([^\"]+)\"");
    private static final Pattern CACHE_KEY = Pattern.compile("\"index\":(\\d+),.*?\"cacheKey\":\"([0-9a-f]{64})\"");

    @Test
    void independentStagesRunAtOnceOnDifferentAgentsAndTheirFilesTravel(@TempDir Path out) throws Exception {
        FarmFacts farm = LocalFarm.up();
        String run = UUID.randomUUID().toString();
        CommandResult built = FarmBuild.in(FarmBuild.example("parallel-stages"), farm.dockerHosts().get(0))
                .run("--no-cache", "--progress=rawjson", "--label", "org.example.run=" + run,
                        "-o", "type=local,dest=" + out, ".")
                .orFail("stagefarm build of parallel-stages");

        Map<Integer, Instant> started = new HashMap<>();
        Map<Integer, Instant> finished = new HashMap<>();
        Map<Integer, String> agents = new HashMap<>();
        for (String line : built.output().split("\n")) {
            Matcher event = EVENT.matcher(line);
            if (!event.find()) {
                continue;
            }
            int stage = Integer.parseInt(event.group(2));
            Instant time = Instant.parse(event.group(3));
            if (event.group(1).equals("STAGE_RUNNING")) {
                started.put(stage, time);
                Matcher agent = AGENT.matcher(event.group(4));
                if (agent.find()) {
                    agents.put(stage, agent.group(1));
                }
            } else {
                finished.put(stage, time);
            }
        }
        assertThat(started).containsKeys(0, 1, 2, 3);
        assertThat(finished).containsKeys(0, 1, 2, 3);
        assertThat(Set.of(agents.get(0), agents.get(1), agents.get(2))).hasSize(3);
        // All three were running at one moment: the last start comes before the first end.
        Instant lastStart = List.of(0, 1, 2).stream().map(started::get).max(Instant::compareTo).orElseThrow();
        Instant firstEnd = List.of(0, 1, 2).stream().map(finished::get).min(Instant::compareTo).orElseThrow();
        assertThat(lastStart).isBefore(firstEnd);

        // The final stage ran where at least two producers never did; their files reached it intact.
        Set<String> elsewhere = new HashSet<>(List.of(agents.get(0), agents.get(1), agents.get(2)));
        elsewhere.remove(agents.get(3));
        assertThat(elsewhere).hasSizeGreaterThanOrEqualTo(2);
        Map<Integer, String> keys = cacheKeys(farm, run);
        Map<Integer, String> files = Map.of(0, "alpha.txt", 1, "beta.txt", 2, "gamma.txt");
        for (int producer : List.of(0, 1, 2)) {
            Path stored = out.resolveSibling(out.getFileName() + "-stage" + producer);
            Files.createDirectories(stored);
            extractArtifact(farm, keys.get(producer), stored);
            byte[] made = Files.readAllBytes(stored.resolve(files.get(producer)));
            assertThat(made).hasSizeGreaterThan(400 * 60);
            assertThat(out.resolve("out").resolve(files.get(producer))).hasBinaryContent(made);
        }
        assertThat(Files.readString(out.resolve("out/lines.txt")).trim()).isEqualTo("1200");
    }

    /** The stage keys of the build labelled {@code run}, from the coordinator's build list. */
    private static Map<Integer, String> cacheKeys(FarmFacts farm, String run) throws Exception {
        String json = Command.of(Path.of("."), Duration.ofSeconds(30), "curl", "-sf",
                farm.get("COORDINATOR_URL") + "/api/v1/builds?label=org.example.run=" + run).run()
                .orFail("GET builds").output();
        Map<Integer, String> keys = new HashMap<>();
        Matcher key = CACHE_KEY.matcher(json);
        while (key.find()) {
            keys.put(Integer.parseInt(key.group(1)), key.group(2));
        }
        return keys;
    }

    /** The producer's upload (its stage exports one path set), read straight from the object store and unpacked with tar. */
    private static void extractArtifact(FarmFacts farm, String cacheKey, Path into) throws Exception {
        Path tar = into.resolve("files.tar");
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(farm.get("S3_ENDPOINT")))
                .region(Region.of(farm.get("S3_REGION"))).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(farm.get("S3_ACCESS_KEY"), farm.get("S3_SECRET_KEY"))))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            // Under the stage's key, one folder per exported path set (named by its digest).
            String key = s3.listObjectsV2(b -> b.bucket(farm.get("S3_BUCKET")).prefix("artifacts/" + cacheKey + "/"))
                    .contents().stream().map(o -> o.key()).filter(k -> k.endsWith("/files.tar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no files.tar stored under artifacts/" + cacheKey));
            s3.getObject(b -> b.bucket(farm.get("S3_BUCKET")).key(key), ResponseTransformer.toFile(tar));
        }
        Command.of(into, Duration.ofMinutes(1), "tar", "-xf", tar.toString()).run().orFail("tar -xf");
    }
}
