import { LoginAttempts } from './login-attempts.js';

describe('LoginAttempts', () => {
  let now = 0;
  const attempts = () =>
    new LoginAttempts({ perUsername: 2, perAddress: 3, windowSeconds: 60 }, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a username fail its limit, then makes it wait until the window of its first failure ends', () => {
    const logins = attempts();
    expect(logins.begin('ada', '10.0.0.1')).toBeUndefined();
    now += 10_000;
    expect(logins.begin('ada', '10.0.0.2')).toBeUndefined();
    expect(logins.begin('ada', '10.0.0.3')).toEqual({ retryAfterSeconds: 50, by: 'username' });
    now += 49_500;
    expect(logins.begin('Ada ', '10.0.0.3')).toEqual({ retryAfterSeconds: 1, by: 'username' });
    now += 500;
    expect(logins.begin('ada', '10.0.0.3')).toBeUndefined();
  });

  it('counts an address across usernames, and a success clears its username and its own count', () => {
    const logins = attempts();
    expect(logins.begin('ada', 'a')).toBeUndefined();
    expect(logins.begin('bob', 'a')).toBeUndefined();
    expect(logins.begin('ada', 'a')).toBeUndefined();
    logins.succeeded('ada', 'a'); // the third was right
    expect(logins.begin('ada', 'a')).toBeUndefined();
    expect(logins.begin('carol', 'a')).toEqual({ retryAfterSeconds: 60, by: 'address' });
    expect(logins.begin('dave', 'b')).toBeUndefined();
  });
});
