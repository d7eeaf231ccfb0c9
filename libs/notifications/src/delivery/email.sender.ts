import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DeliveryError } from './delivery-error';

/** Sends notification e-mails over SMTP_URL; one pooled-by-nodemailer transport per process. */
@Injectable()
export class EmailSender implements OnModuleDestroy {
  private transport: Transporter | undefined;
  private transportUrl: string | undefined;

  private transportFor(url: string): Transporter {
    if (!this.transport || this.transportUrl !== url) {
      this.transport?.close();
      // Bounded waits: a dead SMTP server costs a retry, not a worker slot for minutes.
      this.transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
      this.transportUrl = url;
    }
    return this.transport;
  }

  async send(email: { url: string; from: string }, deliveryId: string, message: { to: string; subject: string; text: string }): Promise<void> {
    const info = (await this.transportFor(email.url).sendMail({
      from: email.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: { 'X-Haven-Delivery': deliveryId },
    })) as { rejected?: unknown[] };
    if (Array.isArray(info.rejected) && info.rejected.length > 0) throw new DeliveryError('smtp recipient rejected', true);
  }

  onModuleDestroy(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}
