-- 016_sm2: the SM2 keys of sync file format 2 (国密). An office's keys gain
-- an SM2 key that signs and one that opens the files sent to it; a
-- registered card gains the matching public keys. NULL for keys made and
-- cards written before format 2: such an office is sent format 1.

ALTER TABLE office_keys ADD COLUMN sm2_sign BLOB;     -- SM2 private key, 32 bytes
ALTER TABLE office_keys ADD COLUMN sm2_decrypt BLOB;  -- SM2 private key, 32 bytes
ALTER TABLE trusted_cards ADD COLUMN sm2_sign_key BLOB;    -- SM2 public key, 65 bytes (04‖X‖Y)
ALTER TABLE trusted_cards ADD COLUMN sm2_encrypt_key BLOB; -- SM2 public key, 65 bytes
