package dev.mosaic.server.conversation;

import dev.mosaic.server.security.MosaicUser;

/**
 * Whose conversations these are: the signed-in person as the audit names them ({@code user:<id>} for a breakglass
 * account, {@code oidc:<sub>} for single sign-on), so that the two kinds of account can never share one.
 */
public record ConversationOwner(String id) {
    public static ConversationOwner of(MosaicUser user) {
        return new ConversationOwner(user.actor().id());
    }
}
