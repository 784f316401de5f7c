package dev.mosaic.server.conversation;

/** The title a conversation gets from its first message until it is renamed. */
final class ConversationTitle {
    static final int MAX_LENGTH = 200;
    private static final int DEFAULT_LENGTH = 60;

    private ConversationTitle() {
    }

    static String from(String firstMessage) {
        String line = firstMessage == null ? "" : firstMessage.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            return "New chat";
        }
        if (line.codePointCount(0, line.length()) <= DEFAULT_LENGTH) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, DEFAULT_LENGTH - 1)).stripTrailing() + "…";
    }
}
