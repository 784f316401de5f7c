package dev.mosaic.server.conversation;

import dev.mosaic.events.secret.SecretCipher;
import dev.mosaic.events.secret.SecretOwner;
import dev.mosaic.events.secret.SecretRef;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Titles and message texts are encrypted like every secret; the associated data binds each ciphertext to its
 * conversation and owner, so a row copied into another conversation or another user's does not decrypt.
 */
@Component
class ChatCiphers {
    private final SecretCipher cipher;

    ChatCiphers(SecretCipher cipher) {
        this.cipher = cipher;
    }

    String sealTitle(String title, UUID conversation, ConversationOwner owner) {
        return cipher.encrypt(title, binding(conversation, owner, "title")).ciphertext();
    }

    String openTitle(String sealed, UUID conversation, ConversationOwner owner) {
        return cipher.decrypt(new SecretRef(sealed), binding(conversation, owner, "title"));
    }

    String sealMessage(String text, UUID conversation, ConversationOwner owner) {
        return cipher.encrypt(text, binding(conversation, owner, "message")).ciphertext();
    }

    String openMessage(String sealed, UUID conversation, ConversationOwner owner) {
        return cipher.decrypt(new SecretRef(sealed), binding(conversation, owner, "message"));
    }

    private static SecretOwner binding(UUID conversation, ConversationOwner owner, String field) {
        // the conversation id has a fixed length, so "<uuid>/<field>:<owner>" cannot be read two ways
        return new SecretOwner("chat", conversation.toString(), field + ":" + owner.id());
    }
}
