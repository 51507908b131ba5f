-- 010_fund: one city fund (市级应急转贷基金). A county's bridge loan may be
-- an application to the city's fund (city_fund, with the days asked for);
-- the city decides it by a record of its own (loan_decisions), which
-- travels back to the county.
--
-- A database of the previous version: every loan stays as it was, a loan
-- of the office's own fund. A county that holds live loans keeps its own
-- fund (its fund size as set, 1亿元 unless changed) and its whole
-- workflow; a county that holds none gets fund size 0, so its next
-- application goes to the city. The city keeps its fund size.
ALTER TABLE bridge_loans ADD COLUMN city_fund INTEGER NOT NULL DEFAULT 0 CHECK (city_fund IN (0, 1));
ALTER TABLE bridge_loans ADD COLUMN term_days INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bridge_loans_city_fund ON bridge_loans(city_fund, deleted);

CREATE TABLE loan_decisions (
    id          TEXT PRIMARY KEY,
    office      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    loan_id     TEXT NOT NULL,            -- the county's application (bridge_loans)
    loan_office TEXT NOT NULL,            -- the county it belongs to
    outcome     TEXT NOT NULL,            -- 批准 or 不予支持
    date        TEXT NOT NULL DEFAULT '',
    approved    INTEGER NOT NULL DEFAULT 0, -- 元
    paid_on     TEXT NOT NULL DEFAULT '',
    due_back    TEXT NOT NULL DEFAULT '',
    repaid_on   TEXT NOT NULL DEFAULT '',
    fee         INTEGER NOT NULL DEFAULT 0, -- 元
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX loan_decisions_loan ON loan_decisions(loan_id);
CREATE INDEX loan_decisions_office ON loan_decisions(office, deleted);
CREATE INDEX loan_decisions_loan_office ON loan_decisions(loan_office, deleted);

UPDATE settings SET data = json_set(data, '$.fund_size', 0)
WHERE EXISTS (SELECT 1 FROM office WHERE role = 'county')
  AND NOT EXISTS (SELECT 1 FROM bridge_loans b JOIN office o ON b.office = o.code WHERE b.deleted = 0);
