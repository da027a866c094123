package dev.stagefarm.agent.copy;

import dev.stagefarm.failure.FailureCode;
import dev.stagefarm.failure.StagefarmException;
import java.util.Optional;

/**
 * Resolves {@code --chown=user[:group]} the way BuildKit does: numbers are taken as they are,
 * names are looked up in the image's {@code /etc/passwd} and {@code /etc/group}; a user given
 * without a group gets the user's primary group (its own id when numeric).
 *
 * @param passwd content of the image's {@code /etc/passwd}, empty when it has none
 * @param group content of the image's {@code /etc/group}, empty when it has none
 */
public record UserDatabase(String passwd, String group) {

    /** Resolves {@code spec}; {@code line} names the instruction in errors. */
    public Owner resolve(String spec, int line) {
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String groupName = colon < 0 ? "" : spec.substring(colon + 1);
        int uid;
        int primaryGid;
        if (isNumber(user)) {
            uid = Integer.parseInt(user);
            primaryGid = uid;
        } else {
            String[] entry = find(passwd, user).orElseThrow(() -> failure(line,
                    "unable to find user " + user + ": no matching entries in passwd file"));
            uid = Integer.parseInt(entry[2]);
            primaryGid = Integer.parseInt(entry[3]);
        }
        if (groupName.isEmpty()) {
            return new Owner(uid, primaryGid);
        }
        if (isNumber(groupName)) {
            return new Owner(uid, Integer.parseInt(groupName));
        }
        String[] entry = find(group, groupName).orElseThrow(() -> failure(line,
                "unable to find group " + groupName + ": no matching entries in group file"));
        return new Owner(uid, Integer.parseInt(entry[2]));
    }

    private static Optional<String[]> find(String file, String name) {
        return file.lines().map(l -> l.split(":", -1)).filter(f -> f.length > 2 && f[0].equals(name)).findFirst();
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static StagefarmException failure(int line, String message) {
        return new StagefarmException(FailureCode.DOCKERFILE_INSTRUCTION, "Dockerfile:" + line, line, message);
    }
}
