package app

import (
	"context"
	"errors"
	"fmt"
)

// Trust registers another office's card, after the rule of who exchanges
// files with whom: each county with the city bureau, the city with each
// county. A card whose keys differ from the card registered for that office
// replaces it only when replace is set (the office made new keys), so a
// forged card cannot quietly take an office's place.
func (s *Service) Trust(ctx context.Context, c Card, replace bool) error {
	if err := c.Validate(); err != nil {
		return err
	}
	me, err := s.Store.Office(ctx)
	if err != nil {
		return err
	}
	switch {
	case c.Office == me.Code:
		return errors.New("这是本单位自己的公钥卡，不需要登记：请登记对方单位的公钥卡")
	case me.Role == RoleCounty && c.Role != RoleCity:
		return fmt.Errorf("县区只与市工信局交换数据：%s（%s）的公钥卡不能登记", c.Name, c.Office)
	case me.Role == RoleCity && c.Role == RoleCity:
		return errors.New("市工信局只登记各县区的公钥卡")
	}
	old, err := s.Store.Card(ctx, c.Office)
	switch {
	case err == nil && old.Fingerprint() != c.Fingerprint() && !replace:
		return fmt.Errorf("已登记过%s的公钥卡（指纹 %s），这张卡的指纹 %s 不同：与对方核实换了密钥后，选择“替换”再登记",
			c.Name, old.Fingerprint(), c.Fingerprint())
	case err != nil && !errors.Is(err, ErrNotFound):
		return err
	}
	return s.update(ctx, func(tx Tx) error { return tx.Trust(c) })
}
