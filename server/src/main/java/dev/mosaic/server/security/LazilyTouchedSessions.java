package dev.mosaic.server.security;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Spring Session's sessions with their last access written at most once per {@link #TOUCH_EVERY}: otherwise every
 * browser request ends with an UPDATE of its session row only to move that time (on a chat, while the answer is
 * starting). A session may therefore expire up to that much before its timeout (12 h by default). Any other change
 * (sign-in, attributes, a new id) is saved as before.
 */
final class LazilyTouchedSessions implements SessionRepository<LazilyTouchedSessions.LazilyTouchedSession> {
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private final SessionRepository<Session> sessions;

    @SuppressWarnings("unchecked")
    LazilyTouchedSessions(SessionRepository<? extends Session> sessions) {
        this.sessions = (SessionRepository<Session>) sessions; // saves only the sessions it created or found
    }

    @Override
    public LazilyTouchedSession createSession() {
        return new LazilyTouchedSession(sessions.createSession());
    }

    @Override
    public void save(LazilyTouchedSession session) {
        sessions.save(session.stored);
    }

    @Override
    public LazilyTouchedSession findById(String id) {
        Session stored = sessions.findById(id);
        return stored == null ? null : new LazilyTouchedSession(stored);
    }

    @Override
    public void deleteById(String id) {
        sessions.deleteById(id);
    }

    static final class LazilyTouchedSession implements Session {
        private final Session stored;

        private LazilyTouchedSession(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (!lastAccessedTime.isBefore(stored.getLastAccessedTime().plus(TOUCH_EVERY))) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
