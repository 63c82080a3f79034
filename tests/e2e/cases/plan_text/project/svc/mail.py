"""Mail: the policy is chosen when the module is imported."""
import email.policy
from email.message import EmailMessage

POLICY = email.policy.SMTP


def send(to, text):
    message = EmailMessage(policy=POLICY)
    message["To"] = to
    message.set_content(text)
    return len(message.as_bytes())
