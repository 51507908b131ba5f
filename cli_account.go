package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"wugeyi/app"
	"wugeyi/data"
)

// accountUsage is how wugeyi account is called.
const accountUsage = "wugeyi account list -db 数据库文件；" +
	"wugeyi account add -db 数据库文件 -name 账号 -access 管理员|录入员|只读（新密码放在环境变量 WUGEYI_NEW_PASSWORD 中）；" +
	"wugeyi account passwd -db 数据库文件 -name 账号（新密码放在 WUGEYI_NEW_PASSWORD 中；改别人的密码须以管理员登录）；" +
	"wugeyi account access -db 数据库文件 -name 账号 -access 管理员|录入员|只读；" +
	"wugeyi account remove -db 数据库文件 -name 账号；" +
	"数据库已有账号时，除 list 外都要以管理员登录：环境变量 WUGEYI_OPERATOR 和 WUGEYI_PASSWORD 给出账号和密码"

// runAccount lists, adds, changes and removes the operator accounts of a
// database. The first account of a database that has none must be a
// 管理员 and needs no sign-in; after that a 管理员 signs in through the
// environment, as for every command that writes.
func runAccount(c *cmdContext) error {
	if len(c.args) == 0 || strings.HasPrefix(c.args[0], "-") {
		return c.usageErr("缺少子命令：list、add、passwd、access 或 remove")
	}
	verb := c.args[0]
	c.args = c.args[1:]
	dbPath := c.fs.String("db", "", "")
	name := c.fs.String("name", "", "")
	accessFlag := c.fs.String("access", "", "")
	if err := c.parse(); err != nil {
		return err
	}
	path, err := c.needDB(*dbPath)
	if err != nil {
		return err
	}
	if err := existingDB(path); err != nil {
		return err
	}
	*name = strings.TrimSpace(*name)
	if verb != "list" && *name == "" {
		return c.usageErr("缺少参数 -name（账号，即操作员姓名）")
	}
	var access app.Access
	if verb == "add" || verb == "access" {
		if access, err = app.ParseAccess(*accessFlag); err != nil {
			return c.usageErr("%s", app.Message(err))
		}
	}
	newPassword := func() (string, error) {
		p := os.Getenv(envNewPassword)
		if p == "" {
			return "", refusal("缺少新密码：请把新密码放在环境变量 " + envNewPassword + " 中（不要写在命令行上，别人能看到）")
		}
		return p, nil
	}
	return withDB(path, false, func(db *data.DB) error {
		ctx := context.Background()
		svc, err := newService(db, cliOperator)
		if err != nil {
			return err
		}
		switch verb {
		case "list":
			return listAccounts(c, svc)
		case "add":
			p, err := newPassword()
			if err != nil {
				return err
			}
			has, err := svc.HasAccounts(ctx)
			if err != nil {
				return err
			}
			if !has {
				if access != app.AccessAdmin {
					return refusal("这个数据库还没有账号：第一个账号必须是管理员（-access 管理员）")
				}
				err = svc.AddFirstAdmin(ctx, *name, p)
			} else {
				err = svc.AddAccount(ctx, *name, access, p)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "已添加账号“%s”（%s）\n", *name, access)
		case "passwd":
			p, err := newPassword()
			if err != nil {
				return err
			}
			if me := svc.SignedIn(); me != nil && me.Name == *name {
				err = svc.ChangePassword(ctx, os.Getenv(envPassword), p)
			} else {
				err = svc.ResetPassword(ctx, *name, p)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "已修改账号“%s”的密码\n", *name)
		case "access":
			if err := svc.SetAccess(ctx, *name, access); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "账号“%s”已改为%s\n", *name, access)
		case "remove":
			if err := svc.RemoveAccount(ctx, *name); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "已删除账号“%s”\n", *name)
		default:
			return c.usageErr("没有“%s”这个子命令：应为 list、add、passwd、access 或 remove", verb)
		}
		return nil
	})
}

// listAccounts prints one line per account: its name, kind and, when
// locked, until when.
func listAccounts(c *cmdContext, svc *app.Service) error {
	list, err := svc.Accounts(context.Background())
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, "这个数据库还没有操作员账号")
		return nil
	}
	now := svc.Now()
	for _, a := range list {
		line := a.Name + "\t" + string(a.Access)
		if now.Before(a.LockedTo) {
			line += "\t锁定至 " + a.LockedTo.Local().Format("15:04:05")
		}
		fmt.Fprintln(c.stdout, line)
	}
	return nil
}
