import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AppError, forbidden } from '../common/app-error';
import { UsersService } from '../users/users.service';
import { verifyPassword } from './password';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string }> {
    const user = await this.users.findByUsername(username);
    // The same answer for an unknown user and a wrong password.
    if (!user || !(await verifyPassword(user.passwordHash, password)) || user.disabled) {
      throw new AppError(401, 'INVALID_CREDENTIALS', 'wrong username or password');
    }
    return { accessToken: await this.jwt.signAsync({ sub: user.id, role: user.role }) };
  }

  async register(username: string, password: string): Promise<{ id: string; accessToken: string }> {
    if (!this.config.REGISTRATION_OPEN) throw forbidden('registration is closed');
    const user = await this.users.create({ username, password, role: 'contestant' });
    return { id: user.id, accessToken: await this.jwt.signAsync({ sub: user.id, role: user.role }) };
  }
}
