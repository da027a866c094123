package dev.stagefarm.coordinator.plan;

import dev.stagefarm.coordinator.plan.PlannedStage.CopySource;
import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator's own stage-level reading of a Dockerfile, used until the shared frontend's
 * planner is wired in: it knows logical lines (continuations, comments), {@code FROM … AS},
 * {@code COPY --from} and {@code RUN --mount=…from=}, enough to build the stage graph, prune it
 * to the target and derive cache keys. It does no variable expansion, so its cache keys cover the
 * whole context digest rather than the files a stage selects (never wrongly shared, only less
 * often reused).
 *
 * <p>Stateless and thread-safe.
 */
public final class StageLinePlanning implements BuildPlanning {

    @Override
    public StageGraph plan(PlanningRequest request) {
        List<Draft> drafts = readStages(request);
        int target = resolveTarget(drafts, request.target());
        TreeSet<Integer> needed = new TreeSet<>();
        collect(drafts, target, needed, new TreeSet<>());
        Map<Integer, String> keys = new TreeMap<>();
        List<PlannedStage> stages = new ArrayList<>();
        for (int index : needed) {
            Draft d = drafts.get(index);
            String key = cacheKey(request, d, keys);
            keys.put(index, key);
            stages.add(new PlannedStage(index, d.name, List.copyOf(d.dependsOn()), d.baseStage,
                    d.copies.entrySet().stream().map(e -> new CopySource(e.getKey(), e.getValue())).toList(),
                    key, d.lines));
        }
        return new StageGraph(stages, target);
    }

    private static List<Draft> readStages(PlanningRequest request) {
        List<Draft> drafts = new ArrayList<>();
        String[] raw = request.dockerfile().split("\r?\n", -1);
        StringBuilder logical = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i];
            if (logical.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("#"))) {
                continue;
            }
            if (logical.isEmpty()) {
                startLine = i + 1;
            }
            if (line.stripTrailing().endsWith("\\")) {
                String body = line.stripTrailing();
                logical.append(body, 0, body.length() - 1);
                continue;
            }
            logical.append(line);
            addInstruction(request, drafts, logical.toString().strip(), startLine);
            logical.setLength(0);
        }
        if (!logical.isEmpty()) {
            addInstruction(request, drafts, logical.toString().strip(), startLine);
        }
        if (drafts.isEmpty()) {
            throw new StagefarmException(FailureCode.DOCKERFILE_SYNTAX, request.dockerfilePath(), 0,
                    "the Dockerfile has no FROM instruction");
        }
        resolveSources(drafts);
        return drafts;
    }

    private static void addInstruction(PlanningRequest request, List<Draft> drafts, String text, int line) {
        String[] words = text.split("\\s+");
        String keyword = words[0].toUpperCase();
        if (keyword.equals("FROM")) {
            drafts.add(startStage(drafts, words, line, request.dockerfilePath()));
        } else if (drafts.isEmpty()) {
            if (!keyword.equals("ARG")) {
                throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, request.dockerfilePath() + ":" + line,
                        line, "no build stage in current context: " + keyword + " before the first FROM");
            }
            return;
        }
        Draft current = drafts.get(drafts.size() - 1);
        if (!keyword.equals("FROM")) {
            current.lines.add(text);
        }
        for (String w : words) {
            String ref = null;
            if ((keyword.equals("COPY") || keyword.equals("ADD")) && w.startsWith("--from=")) {
                ref = w.substring("--from=".length());
            } else if (keyword.equals("RUN") && w.startsWith("--mount=")) {
                ref = mountSource(w.substring("--mount=".length()));
            }
            if (ref != null) {
                boolean copy = !keyword.equals("RUN");
                current.refs.add(new Ref(ref, copy, copy ? copyPaths(words) : List.of(), line));
            }
        }
    }

    private static Draft startStage(List<Draft> drafts, String[] words, int line, String file) {
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("--")) {
                args.add(words[i]);
            }
        }
        if (args.isEmpty()) {
            throw new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, file + ":" + line, line,
                    "FROM requires an image or a stage");
        }
        String name = args.size() >= 3 && args.get(1).equalsIgnoreCase("AS") ? args.get(2).toLowerCase() : null;
        Draft d = new Draft(drafts.size(), name, line);
        d.lines.add(String.join(" ", words));
        for (int i = drafts.size() - 1; i >= 0; i--) {
            if (args.get(0).equalsIgnoreCase(drafts.get(i).name)) {
                d.baseStage = i;
                d.addSource(i, null, line);
                break;
            }
        }
        return d;
    }

    private static String mountSource(String spec) {
        for (String part : spec.split(",")) {
            if (part.startsWith("from=")) {
                return part.substring("from=".length());
            }
        }
        return null;
    }

    /**
     * Resolves COPY/mount sources once every stage is known: digits are a stage index (COPY only),
     * otherwise the LAST stage of that name anywhere in the file, otherwise an external image.
     * A later stage is kept here so that needing the referring stage reports the order error.
     */
    private static void resolveSources(List<Draft> drafts) {
        for (Draft d : drafts) {
            for (Ref ref : d.refs) {
                int source = -1;
                if (ref.copy() && !ref.text().isEmpty() && ref.text().chars().allMatch(Character::isDigit)) {
                    source = Integer.parseInt(ref.text());
                } else {
                    for (Draft other : drafts) {
                        if (ref.text().equalsIgnoreCase(other.name)) {
                            source = other.index;
                        }
                    }
                }
                if (source >= 0) {
                    d.addSource(source, ref.paths(), ref.line());
                }
            }
        }
    }

    private static List<String> copyPaths(String[] words) {
        List<String> args = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            if (!words[i].startsWith("--")) {
                args.add(words[i]);
            }
        }
        return args.size() <= 1 ? List.of() : args.subList(0, args.size() - 1);
    }

    private static int resolveTarget(List<Draft> drafts, String target) {
        if (target == null || target.isBlank()) {
            return drafts.size() - 1;
        }
        for (int i = drafts.size() - 1; i >= 0; i--) {
            if (target.equalsIgnoreCase(drafts.get(i).name)) {
                return i;
            }
        }
        List<String> names = drafts.stream().map(d -> d.name).filter(n -> n != null).toList();
        throw new StagefarmException(FailureCode.UNKNOWN_TARGET, "target " + target, 0,
                "target stage \"" + target + "\" could not be found; stages are: " + String.join(", ", names));
    }

    private static void collect(List<Draft> drafts, int index, TreeSet<Integer> needed, TreeSet<Integer> path) {
        if (!path.add(index)) {
            throw new StagefarmException(FailureCode.STAGE_CYCLE, "stage " + drafts.get(index).display(), 0,
                    "circular dependency detected on stage: " + drafts.get(index).display());
        }
        Draft d = drafts.get(index);
        for (Map.Entry<Integer, Integer> source : d.sourceLines.entrySet()) {
            int from = source.getKey();
            if (from >= drafts.size() || from == index) {
                throw new StagefarmException(from == index ? FailureCode.STAGE_CYCLE : FailureCode.UNKNOWN_STAGE,
                        "Dockerfile:" + source.getValue(), source.getValue(),
                        from == index ? "circular dependency detected on stage: " + d.display()
                                : "invalid stage index " + from);
            }
            if (from > index) {
                throw new StagefarmException(FailureCode.STAGE_ORDER, "Dockerfile:" + source.getValue(),
                        source.getValue(), "cannot copy from stage " + drafts.get(from).display()
                                + ", it needs to be defined before current stage " + d.display());
            }
            collect(drafts, from, needed, path);
        }
        path.remove(index);
        needed.add(index);
    }

    private static String cacheKey(PlanningRequest request, Draft d, Map<Integer, String> keys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder("stagefarm-stage-v1\n");
            text.append("context ").append(request.contextDigest()).append('\n');
            text.append("platform ").append(request.platform()).append('\n');
            new TreeMap<>(request.buildArgs()).forEach((k, v) -> text.append("arg ").append(k).append('=')
                    .append(v).append('\n'));
            d.dependsOn().forEach(dep -> text.append("dep ").append(keys.get(dep)).append('\n'));
            d.lines.forEach(l -> text.append("line ").append(l).append('\n'));
            return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A {@code --from=} or mount {@code from=} reference as written. */
    private record Ref(String text, boolean copy, List<String> paths, int line) {
    }

    /** A stage while the file is read; mutable, confined to one plan() call. */
    private static final class Draft {
        final int index;
        final String name;
        final int line;
        final List<String> lines = new ArrayList<>();
        final Map<Integer, List<String>> copies = new LinkedHashMap<>();
        final Map<Integer, Integer> sourceLines = new TreeMap<>();
        final List<Ref> refs = new ArrayList<>();
        Integer baseStage;

        Draft(int index, String name, int line) {
            this.index = index;
            this.name = name;
            this.line = line;
        }

        void addSource(int stage, List<String> paths, int atLine) {
            sourceLines.putIfAbsent(stage, atLine);
            if (paths != null) {
                copies.computeIfAbsent(stage, s -> new ArrayList<>()).addAll(paths);
            }
        }

        List<Integer> dependsOn() {
            return new ArrayList<>(sourceLines.keySet());
        }

        String display() {
            return name != null ? name : Integer.toString(index);
        }
    }
}
